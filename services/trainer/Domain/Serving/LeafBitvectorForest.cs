using System.Numerics;
using System.Runtime.InteropServices;

namespace MesoStream.Trainer.Serving;

/// <summary>
/// Trees of at most 64 leaves evaluated without walking them, after QuickScorer (Lucchese et al., SIGIR 2015): number
/// a tree's leaves left to right; a split whose test fails (x ≤ t is false, NaN included, so the row goes right)
/// rules out the leaves of its left subtree, a bit mask with those bits cleared. AND-ing the masks of every failed
/// split leaves the exit leaf as the lowest set bit (their Theorem 1). Every split of the tree is tested, but the tests
/// are independent and, on the feature-major <see cref="FeatureBlock"/>, a SIMD compare of neighbouring rows: no
/// branch on the data and no chain of dependent loads. FastTree's 20-leaf trees have 19 splits, against a walk of up to
/// ~15 dependent, mispredicted levels.
/// </summary>
internal sealed class LeafBitvectorForest : ITreeBlockEvaluator
{
    public const int MaxLeaves = 64;

    /// <summary>Rows per pass of <see cref="Evaluate"/>: four SIMD accumulators, each split's data loaded once for all of them.</summary>
    private static readonly int RowsPerPass = 4 * Vector<double>.Count;

    private readonly int[] _splitStart;
    private readonly Split[] _splits;
    private readonly int[] _leafStart;
    private readonly double[] _leafValues;
    private readonly int _featureCount;

    private LeafBitvectorForest(int[] splitStart, Split[] splits, int[] leafStart, double[] leafValues, int featureCount)
    {
        _splitStart = splitStart;
        _splits = splits;
        _leafStart = leafStart;
        _leafValues = leafValues;
        _featureCount = featureCount;
    }

    /// <summary>The forest, or null when a tree has more than <see cref="MaxLeaves"/> leaves.</summary>
    public static LeafBitvectorForest? TryBuild(IReadOnlyList<RegressionTreeNodes> trees, int featureCount)
    {
        if (trees.Any(t => t.Feature.Count(f => f < 0) > MaxLeaves))
        {
            return null;
        }

        var splitStart = new int[trees.Count + 1];
        var leafStart = new int[trees.Count + 1];
        var splits = new List<Split>();
        var leafValues = new List<double>();
        for (int t = 0; t < trees.Count; t++)
        {
            var tree = trees[t];
            splitStart[t] = splits.Count;
            leafStart[t] = leafValues.Count;
            NumberLeaves(tree, 0, leafValues, leafStart[t], splits, featureCount, t);
        }

        splitStart[^1] = splits.Count;
        leafStart[^1] = leafValues.Count;
        return new LeafBitvectorForest(splitStart, [.. splits], leafStart, [.. leafValues], featureCount);
    }

    /// <summary>
    /// Numbers the leaves under <paramref name="node"/> left to right (appending their values) and records each
    /// split with the mask that clears its left subtree's leaves; returns the number of leaves under the node.
    /// </summary>
    private static int NumberLeaves(RegressionTreeNodes tree, int node, List<double> leafValues, int firstLeaf,
        List<Split> splits, int featureCount, int treeIndex)
    {
        if (tree.Feature[node] < 0)
        {
            leafValues.Add(tree.Value[node]);
            return 1;
        }

        if (tree.Feature[node] >= featureCount)
        {
            throw new ArgumentException($"trees[{treeIndex}] node {node} splits on feature {tree.Feature[node]} of {featureCount}", nameof(tree));
        }

        int split = splits.Count;
        splits.Add(default);
        int leftLeaves = NumberLeaves(tree, tree.Left[node], leafValues, firstLeaf, splits, featureCount, treeIndex);
        int leftBegin = leafValues.Count - leftLeaves - firstLeaf;
        ulong leftSubtree = ((leftLeaves == MaxLeaves ? 0 : 1UL << leftLeaves) - 1) << leftBegin;
        splits[split] = new Split(tree.Threshold[node], ~leftSubtree, tree.Feature[node] * FeatureBlock.Capacity);
        int rightLeaves = NumberLeaves(tree, tree.Right[node], leafValues, firstLeaf, splits, featureCount, treeIndex);
        return leftLeaves + rightLeaves;
    }

    /// <summary>Writes tree <paramref name="tree"/>'s leaf value for each row of <paramref name="block"/>.</summary>
    public void Evaluate(int tree, FeatureBlock block, Span<double> leafValues)
    {
        if (block.FeatureCount != _featureCount)
        {
            throw new ArgumentException($"the block holds {block.FeatureCount} features; the trees read {_featureCount}", nameof(block));
        }

        ref double rows = ref MemoryMarshal.GetReference(block.Values);
        var splits = _splits.AsSpan(_splitStart[tree], _splitStart[tree + 1] - _splitStart[tree]);
        var leaves = _leafValues.AsSpan(_leafStart[tree], _leafStart[tree + 1] - _leafStart[tree]);
        int lanes = Vector<double>.Count;
        Span<ulong> exits = stackalloc ulong[RowsPerPass];
        for (int pass = 0; pass < block.Count; pass += RowsPerPass)
        {
            Vector<ulong> alive0 = Vector<ulong>.AllBitsSet, alive1 = alive0, alive2 = alive0, alive3 = alive0;
            foreach (ref readonly var split in splits)
            {
                var threshold = new Vector<double>(split.Threshold);
                var mask = new Vector<ulong>(split.Mask);
                nuint at = (nuint)(split.Column + pass);
                alive0 &= mask | Vector.LessThanOrEqual(Vector.LoadUnsafe(ref rows, at), threshold).As<long, ulong>();
                alive1 &= mask | Vector.LessThanOrEqual(Vector.LoadUnsafe(ref rows, at + (nuint)lanes), threshold).As<long, ulong>();
                alive2 &= mask | Vector.LessThanOrEqual(Vector.LoadUnsafe(ref rows, at + (nuint)(2 * lanes)), threshold).As<long, ulong>();
                alive3 &= mask | Vector.LessThanOrEqual(Vector.LoadUnsafe(ref rows, at + (nuint)(3 * lanes)), threshold).As<long, ulong>();
            }

            alive0.StoreUnsafe(ref exits[0]);
            alive1.StoreUnsafe(ref exits[lanes]);
            alive2.StoreUnsafe(ref exits[2 * lanes]);
            alive3.StoreUnsafe(ref exits[3 * lanes]);
            int rowsInPass = Math.Min(RowsPerPass, block.Count - pass);
            for (int r = 0; r < rowsInPass; r++)
            {
                leafValues[pass + r] = leaves[BitOperations.TrailingZeroCount(exits[r])];
            }
        }
    }

    /// <summary>A split: rows with x ≤ threshold go left; a failed test clears <c>Mask</c>'s zero bits (the left subtree's leaves).</summary>
    [StructLayout(LayoutKind.Sequential)]
    private readonly record struct Split(double Threshold, ulong Mask, int Column);
}

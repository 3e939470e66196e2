using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

using MesoStream.Contracts.Models;

namespace MesoStream.Modelling.Serving;

/// <summary>
/// Trees of at most 32 or 64 leaves (the bits of <typeparamref name="TMask"/>) evaluated without walking them, after
/// QuickScorer (Lucchese et al., SIGIR 2015): number a tree's leaves left to right; a split whose test fails (x ≤ t
/// is false, NaN included, so the row goes right) rules out the leaves of its left subtree, a bit mask with those bits
/// cleared. AND-ing the masks of every failed split leaves the exit leaf as the lowest set bit (their Theorem 1).
/// Every split of the tree is tested, but the tests are independent and, on the feature-major
/// <see cref="FeatureBlock"/>, SIMD compares of neighbouring rows: no branch on the data and no chain of dependent
/// loads. FastTree's 20-leaf trees have 19 splits, against a walk of up to ~15 dependent, mispredicted levels.
/// <para>
/// <typeparamref name="TValue"/> float (with 32-bit masks) doubles the lanes for FastTree, whose thresholds are floats
/// and whose features are compared as floats; double (64-bit masks) serves everything else.
/// </para>
/// </summary>
internal sealed class LeafBitvectorForest<TValue, TMask> : ITreeBlockEvaluator
    where TValue : unmanaged, IBinaryFloatingPointIeee754<TValue>
    where TMask : unmanaged, IBinaryInteger<TMask>, IUnsignedNumber<TMask>
{
    /// <summary>Rows per pass: four SIMD accumulators, each split's data loaded once for all of them (a divisor of the block's capacity).</summary>
    private static readonly int RowsPerPass = 4 * Vector<TValue>.Count;

    private readonly int[] _splitStart;
    private readonly Split[] _splits;
    private readonly int[] _leafStart;
    private readonly double[] _leafValues;
    private readonly int _maxFeature;

    private LeafBitvectorForest(int[] splitStart, Split[] splits, int[] leafStart, double[] leafValues, int maxFeature, FeaturePrecision precision)
    {
        _splitStart = splitStart;
        _splits = splits;
        _leafStart = leafStart;
        _leafValues = leafValues;
        _maxFeature = maxFeature;
        Precision = precision;
    }

    public static int MaxLeaves { get; } = Unsafe.SizeOf<TMask>() * 8;

    public FeaturePrecision Precision { get; }

    /// <summary>
    /// The forest, or null when a tree has more than <see cref="MaxLeaves"/> leaves or a threshold that
    /// <typeparamref name="TValue"/> cannot hold exactly. Leaf values are multiplied by <paramref name="leafScales"/>
    /// (one per tree) when given. Features are rounded to float first when <paramref name="singlePrecisionSplits"/>.
    /// </summary>
    public static LeafBitvectorForest<TValue, TMask>? TryBuild(IReadOnlyList<RegressionTreeNodes> trees, double[]? leafScales, bool singlePrecisionSplits)
    {
        if (Unsafe.SizeOf<TValue>() != Unsafe.SizeOf<TMask>())
        {
            throw new InvalidOperationException("values and masks must be of the same width, one mask per SIMD lane");
        }

        bool single = typeof(TValue) == typeof(float);
        if ((single && !singlePrecisionSplits)
            || 4 * Vector<TValue>.Count > FeatureBlock.Capacity
            || trees.Any(t => t.Feature.Count(f => f < 0) > MaxLeaves
                || t.Threshold.Where((_, i) => t.Feature[i] >= 0).Any(x => double.CreateChecked(TValue.CreateSaturating(x)) != x)))
        {
            return null;
        }

        var splitStart = new int[trees.Count + 1];
        var leafStart = new int[trees.Count + 1];
        var splits = new List<Split>();
        var leafValues = new List<double>();
        for (int t = 0; t < trees.Count; t++)
        {
            splitStart[t] = splits.Count;
            leafStart[t] = leafValues.Count;
            NumberLeaves(trees[t], 0, leafStart[t], leafScales?[t], leafValues, splits);
        }

        splitStart[^1] = splits.Count;
        leafStart[^1] = leafValues.Count;
        int maxFeature = trees.SelectMany(t => t.Feature).DefaultIfEmpty(-1).Max();
        var precision = single ? FeaturePrecision.Single : singlePrecisionSplits ? FeaturePrecision.DoubleRoundedToSingle : FeaturePrecision.Double;
        return new LeafBitvectorForest<TValue, TMask>(splitStart, [.. splits], leafStart, [.. leafValues], maxFeature, precision);
    }

    /// <summary>
    /// Numbers the leaves under <paramref name="node"/> left to right (appending their values) and records each
    /// split with the mask that clears its left subtree's leaves; returns the number of leaves under the node.
    /// </summary>
    private static int NumberLeaves(RegressionTreeNodes tree, int node, int firstLeaf, double? scale, List<double> leafValues, List<Split> splits)
    {
        if (tree.Feature[node] < 0)
        {
            leafValues.Add(scale is { } weight ? weight * tree.Value[node] : tree.Value[node]);
            return 1;
        }

        int split = splits.Count;
        splits.Add(default);
        int leftLeaves = NumberLeaves(tree, tree.Left[node], firstLeaf, scale, leafValues, splits);
        int leftBegin = leafValues.Count - leftLeaves - firstLeaf;
        var leftSubtree = ((leftLeaves == MaxLeaves ? TMask.Zero : TMask.One << leftLeaves) - TMask.One) << leftBegin;
        splits[split] = new Split(TValue.CreateSaturating(tree.Threshold[node]), ~leftSubtree, FeatureBlock.ColumnOf(tree.Feature[node]));
        int rightLeaves = NumberLeaves(tree, tree.Right[node], firstLeaf, scale, leafValues, splits);
        return leftLeaves + rightLeaves;
    }

    public void Evaluate(int tree, FeatureBlock block, Span<double> leafValues)
    {
        var rows = Columns(block);
        Span<TMask> exits = stackalloc TMask[FeatureBlock.Capacity];
        Exits(tree, rows, block.Count, exits);
        ref double leaves = ref _leafValues[_leafStart[tree]];
        for (int r = 0; r < block.Count; r++)
        {
            leafValues[r] = Unsafe.Add(ref leaves, int.CreateTruncating(TMask.TrailingZeroCount(exits[r])));
        }
    }

    public void AddLeaves(FeatureBlock block, Span<double> sums)
    {
        var rows = Columns(block);
        int count = block.Count;
        sums = sums[..count];
        Span<TMask> exits = stackalloc TMask[FeatureBlock.Capacity];
        for (int tree = 0; tree < _leafStart.Length - 1; tree++)
        {
            Exits(tree, rows, count, exits);
            ref double leaves = ref _leafValues[_leafStart[tree]];
            for (int r = 0; r < sums.Length; r++)
            {
                sums[r] += Unsafe.Add(ref leaves, int.CreateTruncating(TMask.TrailingZeroCount(exits[r])));
            }
        }
    }

    private ReadOnlySpan<TValue> Columns(FeatureBlock block)
    {
        block.CheckReadable(_maxFeature, Precision);
        return typeof(TValue) == typeof(float)
            ? MemoryMarshal.Cast<float, TValue>(block.SingleValues)
            : MemoryMarshal.Cast<double, TValue>(block.Values);
    }

    /// <summary>
    /// Each row's surviving-leaf mask for one tree: its lowest set bit is the exit leaf. Bounds were checked once by
    /// <see cref="Columns"/> (every split's column lies below the block's feature count) and the block's columns are
    /// <see cref="FeatureBlock.Capacity"/> long, so the loads go unchecked.
    /// </summary>
    private void Exits(int tree, ReadOnlySpan<TValue> rows, int count, Span<TMask> exits)
    {
        ref TValue values = ref MemoryMarshal.GetReference(rows);
        var splits = _splits.AsSpan(_splitStart[tree], _splitStart[tree + 1] - _splitStart[tree]);
        int lanes = Vector<TValue>.Count;
        if (count <= lanes)
        {
            // A lone row (or a handful): one accumulator, not four passes' worth of empty lanes.
            var alive = Vector<TMask>.AllBitsSet;
            foreach (ref readonly var split in splits)
            {
                var x = Vector.LoadUnsafe(ref values, (nuint)split.Column);
                alive &= new Vector<TMask>(split.Mask) | Vector.LessThanOrEqual(x, new Vector<TValue>(split.Threshold)).As<TValue, TMask>();
            }

            alive.CopyTo(exits);
            return;
        }

        for (int pass = 0; pass < count; pass += RowsPerPass)
        {
            Vector<TMask> alive0 = Vector<TMask>.AllBitsSet, alive1 = alive0, alive2 = alive0, alive3 = alive0;
            foreach (ref readonly var split in splits)
            {
                var threshold = new Vector<TValue>(split.Threshold);
                var mask = new Vector<TMask>(split.Mask);
                nuint at = (nuint)(split.Column + pass);
                alive0 &= mask | Vector.LessThanOrEqual(Vector.LoadUnsafe(ref values, at), threshold).As<TValue, TMask>();
                alive1 &= mask | Vector.LessThanOrEqual(Vector.LoadUnsafe(ref values, at + (nuint)lanes), threshold).As<TValue, TMask>();
                alive2 &= mask | Vector.LessThanOrEqual(Vector.LoadUnsafe(ref values, at + (nuint)(2 * lanes)), threshold).As<TValue, TMask>();
                alive3 &= mask | Vector.LessThanOrEqual(Vector.LoadUnsafe(ref values, at + (nuint)(3 * lanes)), threshold).As<TValue, TMask>();
            }

            var passExits = exits.Slice(pass, RowsPerPass);
            alive0.CopyTo(passExits);
            alive1.CopyTo(passExits[lanes..]);
            alive2.CopyTo(passExits[(2 * lanes)..]);
            alive3.CopyTo(passExits[(3 * lanes)..]);
        }
    }

    /// <summary>A split: rows with x ≤ threshold go left; a failed test clears <c>Mask</c>'s zero bits (the left subtree's leaves).</summary>
    [StructLayout(LayoutKind.Sequential)]
    private readonly record struct Split(TValue Threshold, TMask Mask, int Column);
}

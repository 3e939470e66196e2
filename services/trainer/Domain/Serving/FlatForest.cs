using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace MesoStream.Trainer.Serving;

/// <summary>
/// The trees of an ensemble laid out for branch-free evaluation of a block of rows. Walking one row down a tree
/// mispredicts about every other branch (FastTree's leaf-wise trees are deep and data-dependent), ~15 ns each; here
/// every tree is walked a fixed number of levels (its depth) by all rows of a block side by side, each step a
/// conditional add, so the rows' independent load chains overlap instead of waiting on branches.
/// <para>
/// Layout: the two children of a split are adjacent (left at <c>Children</c>, right at <c>Children + 1</c>), so a
/// step is <c>node = Children + (x ≤ threshold ? 0 : 1)</c> — the reference walk's comparison, NaN going right. A
/// leaf points at itself and reads the block's −∞ column (<see cref="FeatureBlock"/>), so extra levels keep it.
/// </para>
/// </summary>
internal sealed class FlatForest : ITreeBlockEvaluator
{
    private readonly Node[] _nodes;
    private readonly double[] _values;
    private readonly int[] _roots;
    private readonly int[] _depths;
    private readonly int _featureCount;

    private FlatForest(Node[] nodes, double[] values, int[] roots, int[] depths, int featureCount)
    {
        _featureCount = featureCount;
        _nodes = nodes;
        _values = values;
        _roots = roots;
        _depths = depths;
    }

    public int TreeCount => _roots.Length;

    /// <param name="featureCount">The trees' feature count: the block's −∞ column is at this index.</param>
    public static FlatForest Build(IReadOnlyList<RegressionTreeNodes> trees, int featureCount)
    {
        var nodes = new List<Node>();
        var values = new List<double>();
        var roots = new int[trees.Count];
        var depths = new int[trees.Count];
        var pending = new Queue<(int Source, int Flat, int Depth)>();
        for (int t = 0; t < trees.Count; t++)
        {
            var tree = trees[t];
            roots[t] = nodes.Count;
            nodes.Add(default);
            values.Add(0);
            pending.Enqueue((0, roots[t], 0));
            while (pending.TryDequeue(out var item))
            {
                int source = item.Source;
                if (tree.Feature[source] < 0)
                {
                    nodes[item.Flat] = new Node(double.PositiveInfinity, featureCount * FeatureBlock.Capacity, item.Flat);
                    values[item.Flat] = tree.Value[source];
                    depths[t] = Math.Max(depths[t], item.Depth);
                    continue;
                }

                if ((uint)tree.Feature[source] >= (uint)featureCount)
                {
                    throw new ArgumentException($"trees[{t}] node {source} splits on feature {tree.Feature[source]} of {featureCount}", nameof(trees));
                }

                int children = nodes.Count;
                nodes.Add(default);
                nodes.Add(default);
                values.Add(0);
                values.Add(0);
                nodes[item.Flat] = new Node(tree.Threshold[source], tree.Feature[source] * FeatureBlock.Capacity, children);
                pending.Enqueue((tree.Left[source], children, item.Depth + 1));
                pending.Enqueue((tree.Right[source], children + 1, item.Depth + 1));
            }
        }

        return new FlatForest([.. nodes], [.. values], roots, depths, featureCount);
    }

    /// <summary>Writes tree <paramref name="tree"/>'s leaf value for each row of <paramref name="block"/>.</summary>
    public void Evaluate(int tree, FeatureBlock block, Span<double> leafValues)
    {
        if (block.FeatureCount != _featureCount)
        {
            throw new ArgumentException($"the block holds {block.FeatureCount} features; the trees read {_featureCount}", nameof(block));
        }

        int count = block.Count;
        Span<int> positions = stackalloc int[FeatureBlock.Capacity];
        positions[..count].Fill(_roots[tree]);
        ref Node nodes = ref MemoryMarshal.GetArrayDataReference(_nodes);
        ref double rows = ref MemoryMarshal.GetReference(block.Values);
        ref int position = ref MemoryMarshal.GetReference(positions);
        for (int level = _depths[tree]; level > 0; level--)
        {
            for (int r = 0; r < count; r++)
            {
                ref int at = ref Unsafe.Add(ref position, r);
                ref Node node = ref Unsafe.Add(ref nodes, at);
                double x = Unsafe.Add(ref rows, node.Column + r);
                at = node.Children + (x <= node.Threshold ? 0 : 1);
            }
        }

        for (int r = 0; r < count; r++)
        {
            leafValues[r] = _values[positions[r]];
        }
    }

    /// <summary>
    /// A split on the feature whose block column starts at <c>Column</c> (or a leaf: threshold +∞ on the −∞ column,
    /// children = itself); 16 bytes, one load.
    /// </summary>
    [StructLayout(LayoutKind.Sequential)]
    private readonly record struct Node(double Threshold, int Column, int Children);
}

using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

using MesoStream.Contracts.Models;

namespace MesoStream.Modelling.Serving;

/// <summary>
/// Trees of any size laid out for a branch-free walk of a block of rows (the fallback for trees too large for
/// <see cref="LeafBitvectorForest{TValue, TMask}"/>). Walking one row down a tree mispredicts about every other
/// branch; here every tree is walked a fixed number of levels (its depth) by all rows of a block side by side, each
/// step a conditional add, so the rows' independent load chains overlap instead of waiting on branches.
/// <para>
/// Layout: the two children of a split are adjacent (left at <c>Children</c>, right at <c>Children + 1</c>), so a
/// step is <c>node = Children + (x ≤ threshold ? 0 : 1)</c> — the reference walk's comparison, NaN going right. A
/// leaf points at itself and reads the block's −∞ column 0 (<see cref="FeatureBlock"/>), so extra levels keep it.
/// </para>
/// </summary>
internal sealed class FlatForest : ITreeBlockEvaluator
{
    private readonly Node[] _nodes;
    private readonly double[] _values;
    private readonly int[] _roots;
    private readonly int[] _depths;
    private readonly int _maxFeature;

    private FlatForest(Node[] nodes, double[] values, int[] roots, int[] depths, int maxFeature, FeaturePrecision precision)
    {
        _nodes = nodes;
        _values = values;
        _roots = roots;
        _depths = depths;
        _maxFeature = maxFeature;
        Precision = precision;
    }

    public FeaturePrecision Precision { get; }

    /// <summary>Leaf values are multiplied by <paramref name="leafScales"/> (one per tree) when given.</summary>
    public static FlatForest Build(IReadOnlyList<RegressionTreeNodes> trees, double[]? leafScales, bool singlePrecisionSplits)
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
                    nodes[item.Flat] = new Node(double.PositiveInfinity, 0, item.Flat);
                    values[item.Flat] = leafScales is null ? tree.Value[source] : leafScales[t] * tree.Value[source];
                    depths[t] = Math.Max(depths[t], item.Depth);
                    continue;
                }

                int children = nodes.Count;
                nodes.Add(default);
                nodes.Add(default);
                values.Add(0);
                values.Add(0);
                nodes[item.Flat] = new Node(tree.Threshold[source], FeatureBlock.ColumnOf(tree.Feature[source]), children);
                pending.Enqueue((tree.Left[source], children, item.Depth + 1));
                pending.Enqueue((tree.Right[source], children + 1, item.Depth + 1));
            }
        }

        int maxFeature = trees.SelectMany(t => t.Feature).DefaultIfEmpty(-1).Max();
        var precision = singlePrecisionSplits ? FeaturePrecision.DoubleRoundedToSingle : FeaturePrecision.Double;
        return new FlatForest([.. nodes], [.. values], roots, depths, maxFeature, precision);
    }

    public void Evaluate(int tree, FeatureBlock block, Span<double> leafValues)
    {
        Span<int> positions = stackalloc int[FeatureBlock.Capacity];
        Walk(tree, Columns(block), block.Count, positions);
        for (int r = 0; r < block.Count; r++)
        {
            leafValues[r] = _values[positions[r]];
        }
    }

    public void AddLeaves(FeatureBlock block, Span<double> sums)
    {
        var rows = Columns(block);
        Span<int> positions = stackalloc int[FeatureBlock.Capacity];
        for (int tree = 0; tree < _roots.Length; tree++)
        {
            Walk(tree, rows, block.Count, positions);
            for (int r = 0; r < block.Count; r++)
            {
                sums[r] += _values[positions[r]];
            }
        }
    }

    private ReadOnlySpan<double> Columns(FeatureBlock block)
    {
        block.CheckReadable(_maxFeature, Precision);
        return block.Values;
    }

    /// <summary>
    /// Leaves each row's node position at its leaf. Every node's column lies in the block (checked by
    /// <see cref="Columns"/>) and every child index in the node array (by construction), so the loads go unchecked.
    /// </summary>
    private void Walk(int tree, ReadOnlySpan<double> rows, int count, Span<int> positions)
    {
        positions[..count].Fill(_roots[tree]);
        ref Node nodes = ref MemoryMarshal.GetArrayDataReference(_nodes);
        ref double values = ref MemoryMarshal.GetReference(rows);
        ref int position = ref MemoryMarshal.GetReference(positions);
        for (int level = _depths[tree]; level > 0; level--)
        {
            for (int r = 0; r < count; r++)
            {
                ref int at = ref Unsafe.Add(ref position, r);
                ref Node node = ref Unsafe.Add(ref nodes, at);
                double x = Unsafe.Add(ref values, node.Column + r);
                at = node.Children + (x <= node.Threshold ? 0 : 1);
            }
        }
    }

    /// <summary>
    /// A split on the feature whose block column starts at <c>Column</c> (or a leaf: threshold +∞ on the −∞ column,
    /// children = itself); 16 bytes, one load.
    /// </summary>
    [StructLayout(LayoutKind.Sequential)]
    private readonly record struct Node(double Threshold, int Column, int Children);
}

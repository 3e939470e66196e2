namespace MesoStream.Trainer.Serving;

/// <summary>
/// One binary regression tree as parallel node arrays: node i splits on <c>Feature[i]</c> (x ≤ Threshold goes Left,
/// else Right) or is a leaf (<c>Feature[i] = −1</c>) predicting <c>Value[i]</c>. Node 0 is the root and every child
/// index is larger than its parent's, which is what makes a loaded tree provably loop-free.
/// </summary>
public sealed class RegressionTreeNodes
{
    public required int[] Feature { get; init; }

    public required double[] Threshold { get; init; }

    public required int[] Left { get; init; }

    public required int[] Right { get; init; }

    public required double[] Value { get; init; }

    /// <summary>The nodes interleaved, built at the first evaluation: one cache line holds the split and both children.</summary>
    private PackedNode[]? _packed;

    /// <summary>
    /// The leaf value for a row. With <paramref name="singlePrecision"/> the feature is rounded to float before the
    /// comparison, as ML.NET FastTree does (its thresholds are floats learned on float features). Walks the interleaved
    /// copy of the node arrays (<see cref="PackedNode"/>): the same comparisons, so the same leaf, but one memory access
    /// per node instead of four, which is what a 300-tree ensemble per target spends its time on.
    /// </summary>
    public double Evaluate(ReadOnlySpan<double> features, bool singlePrecision)
    {
        var nodes = _packed ??= Pack();
        int index = 0;
        while (true)
        {
            ref readonly var node = ref nodes[index];
            if (node.Feature < 0)
            {
                return node.ThresholdOrValue;
            }

            double x = features[node.Feature];
            if (singlePrecision)
            {
                x = (float)x;
            }

            index = x <= node.ThresholdOrValue ? node.Left : node.Right;
        }
    }

    private PackedNode[] Pack()
    {
        var nodes = new PackedNode[Feature.Length];
        for (int i = 0; i < nodes.Length; i++)
        {
            nodes[i] = new PackedNode(Feature[i], Left[i], Right[i], Feature[i] >= 0 ? Threshold[i] : Value[i]);
        }

        return nodes;
    }

    /// <summary>A split (feature ≥ 0: threshold, children) or a leaf (feature −1: its value), in 24 bytes.</summary>
    private readonly record struct PackedNode(int Feature, int Left, int Right, double ThresholdOrValue);

    public IEnumerable<string> Problems(int featureCount)
    {
        int n = Feature.Length;
        if (n == 0 || Threshold.Length != n || Left.Length != n || Right.Length != n || Value.Length != n)
        {
            yield return $"node arrays must be non-empty and of equal length (feature {n}, threshold {Threshold.Length}, left {Left.Length}, right {Right.Length}, value {Value.Length})";
            yield break;
        }

        for (int i = 0; i < n; i++)
        {
            if (Feature[i] >= featureCount || Feature[i] < -1)
            {
                yield return $"node {i}: feature {Feature[i]} outside [-1, {featureCount - 1}]";
            }
            else if (Feature[i] >= 0 && (Left[i] <= i || Left[i] >= n || Right[i] <= i || Right[i] >= n))
            {
                yield return $"node {i}: children {Left[i]}, {Right[i]} must lie in ({i}, {n - 1}]";
            }
            else if (Feature[i] >= 0 ? !double.IsFinite(Threshold[i]) : !double.IsFinite(Value[i]))
            {
                yield return $"node {i}: non-finite {(Feature[i] >= 0 ? "threshold" : "value")}";
            }
        }
    }
}

namespace MesoStream.Contracts.Models;

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

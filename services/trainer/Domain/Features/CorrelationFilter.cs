using System.Numerics;
using System.Runtime.InteropServices;

namespace MesoStream.Trainer.Features;

/// <summary>
/// Step 4 feature selection: the Pearson correlation filter at |r| &gt; 0.9, computed on the training rows only.
/// <para>
/// Rule (deterministic, order-based): walk the features in their fixed order (the featurizer's 4950-column order);
/// a feature is kept iff its |r| with every feature kept before it is ≤ the threshold. So of a correlated pair the
/// earlier feature is kept; a later feature correlated only with already-dropped features survives. Constant
/// features (zero variance on the training rows, r undefined) are dropped.
/// </para>
/// <para>
/// Cost: each column is centred and scaled to unit norm once, so r is a dot product. A candidate is compared only
/// with the kept set and stops at the first |r| above the threshold, so the work is O(n·p·k) for k kept features at
/// worst and far less in practice (most of the 4950 products are redundant and exit early), never the full O(n·p²)
/// matrix. Candidates are screened in parallel blocks against the features kept before the block; within a block the
/// survivors are then resolved sequentially against each other, so the result is independent of scheduling.
/// </para>
/// </summary>
public static class CorrelationFilter
{
    public const double DefaultThreshold = 0.9;
    private const int BlockSize = 64;

    /// <summary>The indices (ascending) of the features kept.</summary>
    public static int[] Select(double[][] trainRows, double threshold = DefaultThreshold)
    {
        int p = Data.Rows.FeatureCount(trainRows);
        var unit = new double[p][];
        Parallel.For(0, p, j => unit[j] = UnitColumn(trainRows, j));

        var kept = new List<int>();
        var rejected = new bool[BlockSize];
        for (int start = 0; start < p; start += BlockSize)
        {
            int end = Math.Min(start + BlockSize, p);
            int keptBefore = kept.Count;
            Parallel.For(start, end, j =>
                rejected[j - start] = unit[j].Length == 0 || ExceedsAny(unit[j], unit, kept, 0, keptBefore, threshold));
            for (int j = start; j < end; j++)
            {
                if (!rejected[j - start] && !ExceedsAny(unit[j], unit, kept, keptBefore, kept.Count, threshold))
                {
                    kept.Add(j);
                }
            }
        }

        return [.. kept];
    }

    /// <summary>(x − x̄)/‖x − x̄‖, or an empty array for a constant column.</summary>
    private static double[] UnitColumn(double[][] rows, int j)
    {
        var column = Data.Rows.Column(rows, j);
        double mean = column.Average();
        double norm = 0;
        for (int i = 0; i < column.Length; i++)
        {
            column[i] -= mean;
            norm += column[i] * column[i];
        }

        norm = Math.Sqrt(norm);
        if (norm <= 1e-12 * Math.Max(1.0, Math.Abs(mean)) * Math.Sqrt(column.Length))
        {
            return [];
        }

        for (int i = 0; i < column.Length; i++)
        {
            column[i] /= norm;
        }

        return column;
    }

    private static bool ExceedsAny(double[] candidate, double[][] unit, List<int> kept, int from, int to, double threshold)
    {
        var span = CollectionsMarshal.AsSpan(kept);
        for (int k = from; k < to; k++)
        {
            if (Math.Abs(Dot(candidate, unit[span[k]])) > threshold)
            {
                return true;
            }
        }

        return false;
    }

    private static double Dot(ReadOnlySpan<double> a, ReadOnlySpan<double> b)
    {
        var acc = Vector<double>.Zero;
        int i = 0;
        for (; i <= a.Length - Vector<double>.Count; i += Vector<double>.Count)
        {
            acc += new Vector<double>(a[i..]) * new Vector<double>(b[i..]);
        }

        double sum = Vector.Sum(acc);
        for (; i < a.Length; i++)
        {
            sum += a[i] * b[i];
        }

        return sum;
    }
}

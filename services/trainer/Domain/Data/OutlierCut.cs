namespace MesoStream.Trainer.Data;

/// <summary>
/// Step 5 outlier removal: keep the rows whose target lies within [P1, P99] (inclusive) of the target, with the
/// <see cref="Percentile"/> (type 7) definition; rows strictly below P1 or strictly above P99 are dropped.
/// </summary>
public static class OutlierCut
{
    public const double LowerPercent = 1.0;
    public const double UpperPercent = 99.0;

    /// <summary>The indices (ascending) of the rows kept.</summary>
    public static int[] KeptRows(ReadOnlySpan<double> target)
    {
        var sorted = target.ToArray();
        Array.Sort(sorted);
        double low = Percentile.OfSorted(sorted, LowerPercent);
        double high = Percentile.OfSorted(sorted, UpperPercent);
        var kept = new List<int>(target.Length);
        for (int i = 0; i < target.Length; i++)
        {
            if (target[i] >= low && target[i] <= high)
            {
                kept.Add(i);
            }
        }

        return [.. kept];
    }
}

namespace MesoStream.Trainer.Data;

/// <summary>
/// The percentile definition used throughout the trainer: linear interpolation between closest ranks (Hyndman–Fan
/// type 7, numpy's default). For sorted x₀ ≤ … ≤ x_{n−1} and p ∈ [0, 100], h = (n − 1)·p/100 and
/// P = x_⌊h⌋ + (h − ⌊h⌋)·(x_⌊h⌋+1 − x_⌊h⌋).
/// </summary>
public static class Percentile
{
    public static double Of(ReadOnlySpan<double> values, double percent)
    {
        if (values.IsEmpty)
        {
            throw new ArgumentException("percentile of an empty sample", nameof(values));
        }

        var sorted = values.ToArray();
        Array.Sort(sorted);
        return OfSorted(sorted, percent);
    }

    public static double OfSorted(ReadOnlySpan<double> sorted, double percent)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(percent, 0.0);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(percent, 100.0);
        double h = (sorted.Length - 1) * percent / 100.0;
        int lower = (int)Math.Floor(h);
        int upper = Math.Min(lower + 1, sorted.Length - 1);
        return sorted[lower] + (h - lower) * (sorted[upper] - sorted[lower]);
    }
}

namespace MesoStream.Trainer.Metrics;

/// <summary>
/// One target's noise ceiling: structures of one design that differ only in their seed scatter with the pooled
/// within-design standard deviation; no model of the design (or of its descriptors) can explain that part, so the best
/// R² any model could reach on this dataset is 1 − s²_within / s²_total (Eq. 10 with the irreducible error as the
/// residual). Non-finite values (τ = +∞ of a non-percolating direction) are left out, and so are values outside
/// <c>range</c> when one is given — the workflow's outlier cut, so the ceiling describes the rows the test R² is taken on.
/// </summary>
public sealed record NoiseCeiling(string Target, int Groups, int Structures, double WithinSd, double TotalSd)
{
    public double CeilingR2 => 1 - (WithinSd * WithinSd / (TotalSd * TotalSd));

    /// <summary>The workflow's outlier cut (P1–P99 of the finite values, <see cref="Data.OutlierCut"/>) as a value range.</summary>
    public static (double Low, double High) OutlierRange(IEnumerable<double> all)
    {
        var finite = all.Where(double.IsFinite).ToArray();
        var kept = Data.OutlierCut.KeptRows(finite).Select(i => finite[i]).ToArray();
        return (kept.Min(), kept.Max());
    }

    /// <summary>
    /// Pooled within-group variance Σ_g Σ_i (y_gi − ȳ_g)² / Σ_g (n_g − 1) over the groups with two or more finite values,
    /// against the sample variance of every finite value; null when no group has two finite values.
    /// </summary>
    public static NoiseCeiling? Estimate(string target, IEnumerable<IReadOnlyList<double>> groups, IEnumerable<double> all, (double Low, double High)? range = null)
    {
        bool Inside(double v) => double.IsFinite(v) && (range is not { } r || (v >= r.Low && v <= r.High));
        double squares = 0;
        int degrees = 0, used = 0, structures = 0;
        foreach (var group in groups)
        {
            var finite = group.Where(Inside).ToArray();
            if (finite.Length < 2)
            {
                continue;
            }

            double mean = finite.Average();
            squares += finite.Sum(v => (v - mean) * (v - mean));
            degrees += finite.Length - 1;
            used++;
            structures += finite.Length;
        }

        var values = all.Where(Inside).ToArray();
        if (used == 0 || values.Length < 2)
        {
            return null;
        }

        double total = values.Average();
        double totalVariance = values.Sum(v => (v - total) * (v - total)) / (values.Length - 1);
        return new NoiseCeiling(target, used, structures, Math.Sqrt(squares / degrees), Math.Sqrt(totalVariance));
    }
}

using MesoStream.Contracts.Models;
using MesoStream.Modelling.Serving;

namespace MesoStream.Trainer.Metrics;

/// <summary>
/// Split-conformal intervals (Vovk, Gammerman &amp; Shafer 2005; Lei et al. 2018, "Distribution-free predictive
/// inference for regression"): with n calibration residuals r_i = |z_i − ẑ_i| the half-width is the ⌈(n + 1)·level⌉-th
/// smallest, which covers a new exchangeable row with probability ≥ level. Residuals are taken in the learned
/// (transformed) space, where they are homoscedastic: a log-space interval is a multiplicative band on τ. The
/// calibration residuals are the served model's out-of-fold predictions on the training rows (cross-conformal), so no
/// training rows are spent on calibration.
/// </summary>
public static class SplitConformal
{
    public const double DefaultLevel = 0.9;

    public static ConformalInterval Calibrate(ReadOnlySpan<double> truth, ReadOnlySpan<double> predicted, double level)
    {
        if (truth.Length != predicted.Length || truth.IsEmpty)
        {
            throw new ArgumentException($"need equal, non-empty samples; got {truth.Length} and {predicted.Length}");
        }

        if (!(level is > 0 and < 1))
        {
            throw new ArgumentOutOfRangeException(nameof(level), level, "the level must lie in (0, 1)");
        }

        var residuals = new double[truth.Length];
        for (int i = 0; i < truth.Length; i++)
        {
            residuals[i] = Math.Abs(truth[i] - predicted[i]);
        }

        Array.Sort(residuals);
        int rank = (int)Math.Ceiling((truth.Length + 1) * level);
        // Fewer than 1/(1 − level) − 1 residuals cannot guarantee the level: the interval is the largest residual seen.
        double halfWidth = residuals[Math.Min(rank, residuals.Length) - 1];
        return new ConformalInterval(level, halfWidth, truth.Length);
    }

    /// <summary>The share of rows whose raw true value lies inside its interval.</summary>
    public static double Coverage(ConformalInterval interval, TargetTransform transform, ReadOnlySpan<double> truth, ReadOnlySpan<double> predictedTransformed)
    {
        int inside = 0;
        for (int i = 0; i < truth.Length; i++)
        {
            var (low, high) = interval.Bounds(transform, predictedTransformed[i]);
            if (truth[i] >= low && truth[i] <= high)
            {
                inside++;
            }
        }

        return (double)inside / truth.Length;
    }
}

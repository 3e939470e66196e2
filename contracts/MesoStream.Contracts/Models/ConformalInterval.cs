namespace MesoStream.Contracts.Models;

/// <summary>
/// A split-conformal prediction interval of one target: in <see cref="Space"/> the interval is ŷ ± <see cref="HalfWidth"/>,
/// where the half-width is the ⌈(n + 1)·Level⌉-th smallest absolute out-of-fold residual of the served model on its n
/// training rows, measured in that space (Vovk et al. 2005; Lei et al. 2018). A log-space interval is multiplicative,
/// [τ̂·e^(−h), τ̂·e^(h)], whatever space the model predicts in: a raw-space model of a heavy-tailed τ would otherwise
/// get one absolute half-width sized by the near-percolation tail (±10 around τ̂ ≈ 3).
/// </summary>
/// <param name="Level">Nominal coverage, e.g. 0.9.</param>
/// <param name="HalfWidth">Half-width in <see cref="Space"/>.</param>
/// <param name="CalibrationRows">The residuals the half-width was taken from.</param>
public sealed record ConformalInterval(double Level, double HalfWidth, int CalibrationRows)
{
    /// <summary>The space the residuals were measured in: ln for a positive target, else raw.</summary>
    public TargetTransform Space { get; init; } = TargetTransform.Identity;
}

namespace MesoStream.Contracts.Models;

/// <summary>
/// A split-conformal prediction interval of one target: in the learned (transformed) space the interval is
/// ŷ ± <see cref="HalfWidth"/>, where the half-width is the ⌈(n + 1)·Level⌉-th smallest absolute out-of-fold residual of
/// the served model on its n training rows (Vovk et al. 2005; Lei et al. 2018). Back-transformed, a log-space interval is
/// multiplicative: [τ̂·e^(−h), τ̂·e^(h)].
/// </summary>
/// <param name="Level">Nominal coverage, e.g. 0.9.</param>
/// <param name="HalfWidth">Half-width in the transformed space.</param>
/// <param name="CalibrationRows">The residuals the half-width was taken from.</param>
public sealed record ConformalInterval(double Level, double HalfWidth, int CalibrationRows);

namespace MesoStream.Contracts.Predictions;

/// <summary>
/// A property's calibrated prediction interval: the true value lies in [Low, High] for a share <see cref="Level"/> of
/// designs like the training rows (split-conformal; the trainer measures the coverage on held-out rows). Wider means
/// less certain; outside the training ranges (extrapolation) the nominal level is not guaranteed.
/// </summary>
public sealed record PredictionInterval(double Low, double High, double Level);

namespace MesoStream.Contracts.Models;

/// <summary>
/// Whether the pore phase percolates along a tortuosity target's direction: P(percolates) = 1/(1 + e^(−z)), z the output
/// of <see cref="Logit"/> over <see cref="Features"/> (featurizer names, as <see cref="TargetModel.Features"/>). A design
/// with P &lt; <see cref="Threshold"/> is answered τ = +∞ (no transport path; the paper's τ is undefined there) with P.
/// </summary>
public sealed class PercolationClassifier
{
    public required IReadOnlyList<string> Features { get; init; }

    public required LinearServingModel Logit { get; init; }

    public double Threshold { get; init; } = 0.5;
}

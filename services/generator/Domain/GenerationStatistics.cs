namespace MesoStream.Generator;

/// <summary>What one generation achieved.</summary>
/// <param name="ActiveFraction">Achieved AM voxel fraction (target ± 0.005).</param>
/// <param name="BinderFraction">Achieved binder voxel fraction (the target rounded to whole voxels).</param>
/// <param name="ParticleCount">Accepted particles (those covering at least one voxel).</param>
/// <param name="OverlapCoverage">Fraction of AM voxels covered by two or more particles (the generalised overlap factor γ).</param>
/// <param name="CandidatesRejected">
/// Candidate particles discarded: covering no voxel centre, or overshooting the tolerance window (see <see cref="Packing.EllipsoidPacking"/>).
/// </param>
/// <param name="BinderRounds">Deposition rounds (batches) of <see cref="Binder.BinderDeposition"/>.</param>
/// <param name="PackingSeconds">Wall time of the particle packing.</param>
/// <param name="BinderSeconds">Wall time of the binder deposition.</param>
public sealed record GenerationStatistics(
    double ActiveFraction,
    double BinderFraction,
    int ParticleCount,
    double OverlapCoverage,
    long CandidatesRejected,
    int BinderRounds,
    double PackingSeconds,
    double BinderSeconds)
{
    public double Seconds => PackingSeconds + BinderSeconds;
}

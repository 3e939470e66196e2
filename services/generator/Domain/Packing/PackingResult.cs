using MesoStream.Contracts.Structures;

namespace MesoStream.Generator.Packing;

/// <summary>
/// The active-material skeleton: for each voxel (x fastest) how many particles cover it (saturating at 255), the
/// accepted particles in order, and the counts the statistics need.
/// </summary>
public sealed record PackingResult(
    byte[] Coverage,
    IReadOnlyList<Particle> Particles,
    long ActiveVoxels,
    long OverlapVoxels,
    long CandidatesDrawn,
    long CandidatesRejected);

using MesoStream.Contracts.Specs;
using MesoStream.Contracts.Structures;

namespace MesoStream.Contracts.Arrow;

/// <summary>
/// The payload of <c>voxel-ready</c>: one segmented structure with its particle list, the spec it came from (absent for
/// a volume that did not come from our generator, e.g. tomography) and free-form attributes (generation statistics).
/// </summary>
public sealed record VoxelBatch(
    string StructureId,
    VoxelGrid Grid,
    IReadOnlyList<Particle> Particles,
    StructureSpec? Spec = null,
    string? AttributesJson = null);

using MesoStream.Contracts.Specs;
using MesoStream.Contracts.Structures;

namespace MesoStream.Generator;

/// <summary>A generated structure: the three-phase labels, the AM particles behind them and the generation statistics.</summary>
public sealed record GenerationResult(
    StructureSpec Spec,
    VoxelGrid Grid,
    IReadOnlyList<Particle> Particles,
    GenerationStatistics Statistics);

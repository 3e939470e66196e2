using System.Diagnostics;
using MesoStream.Contracts.Specs;
using MesoStream.Contracts.Structures;
using MesoStream.Generator.Binder;
using MesoStream.Generator.Packing;

namespace MesoStream.Generator;

/// <summary>
/// Turns a <see cref="StructureSpec"/> into a three-phase voxel structure (paper: "Electrode structure generation",
/// Fig. 1(a); docs/science.md, "Generator"): overlapping ellipsoids of active material oriented by Eq. 6, then binder
/// by interfacial-energy-based deposition. The labels depend only on the spec (seed included): the same spec gives the
/// same bytes on any machine and any <see cref="GeneratorOptions.MaxDegreeOfParallelism"/>.
/// </summary>
public static class StructureGenerator
{
    public static GenerationResult Generate(StructureSpec spec) => Generate(spec, GeneratorOptions.Default);

    public static GenerationResult Generate(StructureSpec spec, GeneratorOptions options)
    {
        ArgumentNullException.ThrowIfNull(spec);
        ArgumentNullException.ThrowIfNull(options);
        var clock = Stopwatch.StartNew();
        var packing = EllipsoidPacking.Pack(spec, options);
        var packingSeconds = clock.Elapsed.TotalSeconds;

        clock.Restart();
        var labels = packing.Coverage;
        for (var i = 0; i < labels.Length; i++)
        {
            labels[i] = labels[i] == 0 ? VoxelLabels.Pore : VoxelLabels.ActiveMaterial;
        }

        var n = spec.Grid.VoxelCount;
        var binderTarget = (long)Math.Round(spec.Binder.VolumeFraction * n, MidpointRounding.AwayFromZero);
        var rounds = BinderDeposition.Deposit(labels, spec.Grid, binderTarget, spec.Binder.Omega, spec.Seed);
        var binderSeconds = clock.Elapsed.TotalSeconds;

        var grid = new VoxelGrid(spec.Grid.Nx, spec.Grid.Ny, spec.Grid.Nz, spec.Grid.VoxelUm, labels);
        var statistics = new GenerationStatistics(
            ActiveFraction: (double)packing.ActiveVoxels / n,
            BinderFraction: (double)binderTarget / n,
            ParticleCount: packing.Particles.Count,
            OverlapCoverage: packing.ActiveVoxels == 0 ? 0 : (double)packing.OverlapVoxels / packing.ActiveVoxels,
            CandidatesRejected: packing.CandidatesRejected,
            BinderRounds: rounds,
            PackingSeconds: packingSeconds,
            BinderSeconds: binderSeconds);
        return new GenerationResult(spec, grid, packing.Particles, statistics);
    }
}

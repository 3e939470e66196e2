using System.Diagnostics;
using MesoStream.Contracts.Specs;
using MesoStream.Contracts.Structures;
using MesoStream.Descriptor.Descriptors;
using MesoStream.Descriptor.Pores;

namespace MesoStream.Descriptor.Benchmarking;

/// <summary>
/// Wall-clock seconds of the descriptor stages on one grid, best of <c>repetitions</c> runs after a warm-up run
/// (JIT, ball tables): the distance map alone, the c-PSD (local thickness and its summary, given the distance map),
/// and all of D1–D11 from scratch.
/// </summary>
public sealed record DescriptorBenchmarkReport(
    int Nx,
    int Ny,
    int Nz,
    int Threads,
    double DistanceMapSeconds,
    double PoreSizeSeconds,
    double TotalSeconds,
    DescriptorSet Descriptors);

public static class DescriptorBenchmark
{
    public static DescriptorBenchmarkReport Run(
        VoxelGrid grid, IReadOnlyList<Particle>? particles = null, StructureSpec? spec = null, int repetitions = 3)
    {
        ArgumentNullException.ThrowIfNull(grid);
        ArgumentOutOfRangeException.ThrowIfLessThan(repetitions, 1);
        var descriptors = DescriptorCalculator.Calculate(grid, particles, spec);
        double distance = double.MaxValue, poreSize = double.MaxValue, total = double.MaxValue;
        for (int r = 0; r < repetitions; r++)
        {
            var watch = Stopwatch.StartNew();
            var d2 = DistanceTransform.SquaredDistanceToSolid(grid);
            distance = Math.Min(distance, watch.Elapsed.TotalSeconds);

            watch.Restart();
            PoreSizeDistribution.FromLocalThickness(grid, LocalThickness.SquaredRadii(grid, d2));
            poreSize = Math.Min(poreSize, watch.Elapsed.TotalSeconds);

            watch.Restart();
            descriptors = DescriptorCalculator.Calculate(grid, particles, spec);
            total = Math.Min(total, watch.Elapsed.TotalSeconds);
        }

        return new DescriptorBenchmarkReport(
            grid.Nx, grid.Ny, grid.Nz, Environment.ProcessorCount, distance, poreSize, total, descriptors);
    }
}

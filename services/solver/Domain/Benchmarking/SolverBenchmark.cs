using MesoStream.Contracts.Structures;
using MesoStream.Solver.Transport;

namespace MesoStream.Solver.Benchmarking;

/// <summary>
/// Times the six MG-PCG solves of a grid and the pore-x and AM-x solves with plain CG as the baseline, and measures
/// the copy bandwidth in the same run so per-iteration times can be set against the memory bound (docs/validation.md, "Performance measurement":
/// ratios against a baseline in the same run, never timed assertions).
/// </summary>
public static class SolverBenchmark
{
    private static readonly Axis[] Axes = [Axis.X, Axis.Y, Axis.Z];

    /// <param name="copyBytes">Size of the bandwidth probe; it should far exceed the last-level cache.</param>
    /// <param name="phases">The phases to solve, one after the other on all cores (default pore and active material).</param>
    public static SolverBenchmarkReport Run(
        VoxelGrid grid, SolverOptions? options = null, bool includePlainCg = true, long copyBytes = 256L << 20, IReadOnlyList<ConductingPhase>? phases = null)
    {
        ArgumentNullException.ThrowIfNull(grid);
        options ??= SolverOptions.Default;
        int threads = options.MaxDegreeOfParallelism > 0 ? options.MaxDegreeOfParallelism : Environment.ProcessorCount;
        double bandwidth = MemoryBandwidth.MeasureCopy(copyBytes, maxDegreeOfParallelism: threads);
        var mgOptions = options with { Method = SolverMethod.MultigridPcg };
        var cgOptions = options with { Method = SolverMethod.PlainCg };
        phases ??= [ConductingPhase.Pore, ConductingPhase.ActiveMaterial];

        var multigrid = phases
            .SelectMany(phase => TortuositySolver.Solve(grid, phase, Axes, mgOptions).Select(result => Time(grid, phase, result, mgOptions, bandwidth)))
            .ToList();
        var plain = includePlainCg
            ? phases.Select(phase => Time(grid, phase, TortuositySolver.Solve(grid, phase, Axis.X, cgOptions), cgOptions, bandwidth)).ToList()
            : [];
        return new SolverBenchmarkReport(grid.Nx, grid.Ny, grid.Nz, grid.Fraction(VoxelLabels.Pore), threads, bandwidth, multigrid, plain)
        {
            PeakBytesPerVoxel = (double)PeakResidentBytes() / grid.VoxelCount,
        };
    }

    /// <summary>The process's peak resident set so far (Linux VmHWM; elsewhere the peak working set .NET reports).</summary>
    private static long PeakResidentBytes()
    {
        using var process = System.Diagnostics.Process.GetCurrentProcess();
        return process.PeakWorkingSet64;
    }

    private static SolveTiming Time(VoxelGrid grid, ConductingPhase phase, TransportResult result, SolverOptions options, double bandwidth)
    {
        double perIteration = result.Iterations > 0 ? result.IterationSeconds / result.Iterations : 0;
        return new SolveTiming(
            phase.Name,
            result.Axis,
            options.Method,
            result.Seconds,
            result.Iterations,
            perIteration / grid.VoxelCount * 1e9,
            perIteration,
            result.BytesPerIteration,
            result.BytesPerIteration / bandwidth,
            result);
    }
}

using MesoStream.Solver.Transport;

namespace MesoStream.Solver.Benchmarking;

/// <summary>
/// One timed solve. <see cref="NsPerVoxelIteration"/> divides the iteration time by iterations and by all grid
/// voxels (the kernels stream the whole grid). <see cref="BandwidthBoundSecondsPerIteration"/> is the traffic model's
/// bytes per iteration over the measured copy bandwidth: the fastest a memory-bound iteration could run.
/// </summary>
public sealed record SolveTiming(
    string Phase,
    Axis Axis,
    SolverMethod Method,
    double Seconds,
    int Iterations,
    double NsPerVoxelIteration,
    double SecondsPerIteration,
    double BytesPerIteration,
    double BandwidthBoundSecondsPerIteration,
    TransportResult Result);

/// <summary>Everything one benchmark run measured, on one grid, in one process.</summary>
public sealed record SolverBenchmarkReport(
    int Nx,
    int Ny,
    int Nz,
    double Porosity,
    int Threads,
    double CopyBandwidthBytesPerSecond,
    IReadOnlyList<SolveTiming> MultigridSolves,
    IReadOnlyList<SolveTiming> PlainCgSolves)
{
    /// <summary>Plain-CG seconds over MG-PCG seconds for each baseline solve (same phase and axis).</summary>
    public IReadOnlyList<(string Phase, Axis Axis, double SpeedUp)> SpeedUps =>
        [.. PlainCgSolves.Select(cg =>
        {
            var mg = MultigridSolves.First(m => m.Phase == cg.Phase && m.Axis == cg.Axis);
            return (cg.Phase, cg.Axis, cg.Seconds / mg.Seconds);
        })];
}

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
    /// <summary>
    /// Peak resident memory of the process when the run ended, per voxel of the grid: an upper bound on what a solve
    /// needs (it includes the runtime, the grid and, where the caller loaded one, its input).
    /// </summary>
    public double PeakBytesPerVoxel { get; init; }

    /// <summary>Bytes per voxel of the largest MG-PCG solve's workspace (<see cref="TransportResult.WorkspaceBytes"/>), plus 1 for the labels.</summary>
    public double SolveBytesPerVoxel => 1 + (double)MultigridSolves.Max(s => s.Result.WorkspaceBytes) / ((long)Nx * Ny * Nz);

    /// <summary>
    /// Per phase: the first MG-PCG solve's seconds over the mean of the phase's later ones. Above 1 by the one-off
    /// costs of a process's first solve (fresh memory, labelling the phase, code not yet compiled).
    /// </summary>
    public IReadOnlyList<(string Phase, double FirstOverNext)> FirstSolveRatios =>
        [.. MultigridSolves.GroupBy(s => s.Phase).Where(g => g.Count() > 1)
            .Select(g => (g.Key, g.First().Seconds / g.Skip(1).Average(s => s.Seconds)))];

    /// <summary>Plain-CG seconds over MG-PCG seconds for each baseline solve (same phase and axis).</summary>
    public IReadOnlyList<(string Phase, Axis Axis, double SpeedUp)> SpeedUps =>
        [.. PlainCgSolves.Select(cg =>
        {
            var mg = MultigridSolves.First(m => m.Phase == cg.Phase && m.Axis == cg.Axis);
            return (cg.Phase, cg.Axis, cg.Seconds / mg.Seconds);
        })];
}

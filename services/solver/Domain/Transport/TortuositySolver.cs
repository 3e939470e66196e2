using System.Diagnostics;
using System.Runtime.CompilerServices;
using MesoStream.Contracts.Structures;
using MesoStream.Solver.Numerics;

namespace MesoStream.Solver.Transport;

/// <summary>
/// Steady diffusion / conduction through one conducting phase along one axis (DESIGN.md §3; paper, Outputs –
/// effective properties): c = 1 on the inlet face, c = 0 on the outlet face, no flux elsewhere, solved on the voxels
/// that percolate between the two faces. Returns D_eff/D0 = J·L/(A·Δc) and τ = ε/(D_eff/D0).
/// </summary>
public static class TortuositySolver
{
    /// <summary>
    /// The workspace of the last call, kept for the next one on a grid of the same shape: the six solves of a
    /// structure come as two calls (one per phase), and the solver service solves one structure after another.
    /// Taken and put back atomically, so concurrent calls never share one.
    /// </summary>
    private static SolveWorkspace? s_keptWorkspace;

    public static TransportResult Solve(VoxelGrid grid, ConductingPhase phase, Axis axis, SolverOptions? options = null) =>
        Solve(grid, phase, [axis], options)[0];

    /// <summary>
    /// The solves of one phase along several axes. They share the labelling of the phase's connected components,
    /// from which each axis's percolating voxels follow in one pass; its cost is in the first result's Seconds.
    /// </summary>
    public static IReadOnlyList<TransportResult> Solve(VoxelGrid grid, ConductingPhase phase, IReadOnlyList<Axis> axes, SolverOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(grid);
        ArgumentNullException.ThrowIfNull(phase);
        ArgumentNullException.ThrowIfNull(axes);
        options ??= SolverOptions.Default;
        var results = new TransportResult[axes.Count];
        ConnectedComponents? components = null;
        long phaseVoxels = 0;
        var shape = (grid.Nx, grid.Ny, grid.Nz);
        int threads = options.MaxDegreeOfParallelism;
        var workspace = Interlocked.Exchange(ref s_keptWorkspace, null) is { } kept && kept.Serves(shape, threads)
            ? kept
            : new SolveWorkspace(shape, threads);
        for (int k = 0; k < axes.Count; k++)
        {
            var clock = Stopwatch.StartNew();
            if (components is null)
            {
                var conducting = workspace.Rent<byte>(grid.Labels.Length);
                phaseVoxels = MarkConducting(grid.Labels, phase, conducting);
                components = ConnectedComponents.Label(conducting, grid.Nx, grid.Ny, grid.Nz);
            }

            results[k] = SolveAxis(grid, phase, components, phaseVoxels, axes[k], options, workspace, clock);
            // Nothing of a solve outlives it but its result: the next axis reuses its arrays.
            workspace.Recycle();
        }

        s_keptWorkspace = workspace;

        return results;
    }

    private static TransportResult SolveAxis(
        VoxelGrid grid, ConductingPhase phase, ConnectedComponents components, long phaseVoxels, Axis axis, SolverOptions options, SolveWorkspace workspace, Stopwatch clock)
    {
        double volumeFraction = (double)phaseVoxels / grid.VoxelCount;
        var percolating = workspace.Rent<byte>(grid.Labels.Length);
        long active = components.MarkPercolating(axis, percolating);
        if (active == 0)
        {
            return TransportResult.NonPercolating(axis, phase.Name, volumeFraction, clock.Elapsed.TotalSeconds);
        }

        var system = TransportSystem.Build(grid, phase, axis, percolating, options.MaxDegreeOfParallelism, workspace);
        IPreconditioner preconditioner = options.Method == SolverMethod.MultigridPcg
            ? new MultigridPreconditioner(system.Level)
            : IdentityPreconditioner.Instance;
        var iterationClock = Stopwatch.StartNew();
        var solution = MixedPrecisionRefinement.Solve(system, preconditioner, options);
        double iterationSeconds = iterationClock.Elapsed.TotalSeconds;
        double bytesPerIteration = (TrafficModel.Apply(system.Level) + TrafficModel.CgVectors + preconditioner.BytesPerCell) * system.Level.Count;

        var (length, area) = axis switch
        {
            Axis.X => (grid.Nx, (double)grid.Ny * grid.Nz),
            Axis.Y => (grid.Ny, (double)grid.Nx * grid.Nz),
            _ => (grid.Nz, (double)grid.Nx * grid.Ny),
        };

        double effective = solution.Flux * length / area;
        double tortuosity = effective > 0 ? volumeFraction / effective : double.PositiveInfinity;
        return new TransportResult(
            axis,
            phase.Name,
            effective,
            volumeFraction,
            tortuosity,
            Percolates: true,
            PercolatingFraction: (double)active / phaseVoxels,
            solution.InletFlux,
            solution.OutletFlux,
            solution.FluxMismatch,
            solution.Iterations,
            solution.RelativeResidual,
            solution.Converged,
            active,
            clock.Elapsed.TotalSeconds,
            iterationSeconds,
            bytesPerIteration);
    }

    /// <summary>Sets conducting[i] = 1 where the label conducts; returns how many do.</summary>
    // AggressiveOptimization: runs once per phase, too rarely for tiered compilation to optimise it in time.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static long MarkConducting(byte[] labels, ConductingPhase phase, byte[] conducting)
    {
        Span<byte> conducts = stackalloc byte[256];
        for (int label = 0; label < 256; label++)
        {
            conducts[label] = phase.Conductivity((byte)label) > 0 ? (byte)1 : (byte)0;
        }

        long count = 0;
        for (int i = 0; i < conducting.Length; i++)
        {
            byte c = conducts[labels[i]];
            conducting[i] = c;
            count += c;
        }

        return count;
    }
}
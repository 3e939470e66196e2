using System.Collections.Concurrent;
using System.Diagnostics;
using System.Runtime.CompilerServices;
using MesoStream.Contracts.Structures;
using MesoStream.Solver.Numerics;

namespace MesoStream.Solver.Transport;

/// <summary>
/// Steady diffusion / conduction through one conducting phase along one axis (docs/science.md, "Effective properties"; paper, Outputs –
/// effective properties): c = 1 on the inlet face, c = 0 on the outlet face, no flux elsewhere, solved on the voxels
/// that percolate between the two faces. Returns D_eff/D0 = J·L/(A·Δc) and τ = ε/(D_eff/D0).
/// </summary>
public static class TortuositySolver
{
    /// <summary>
    /// The workspaces of finished calls, kept for the next ones on a grid of the same shape: the six solves of a
    /// structure come as two calls (one per phase, side by side), and the solver service solves one structure after
    /// another. Taken and put back atomically, so concurrent calls never share one; one of another shape is dropped.
    /// </summary>
    private static readonly ConcurrentBag<SolveWorkspace> s_keptWorkspaces = [];

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
        var workspace = KeptWorkspace(shape, threads) ?? new SolveWorkspace(shape, threads);
        for (int k = 0; k < axes.Count; k++)
        {
            var clock = Stopwatch.StartNew();
            if (components is null)
            {
                // The conducting mask (dense, the first N bytes) borrows an array of a unit-form level's length, so
                // that the level's byte diagonal reuses it once it is returned: no memory is held for it.
                var conducting = workspace.Rent<byte>(StencilLevel.ArrayLength(grid.Nx, grid.Ny, grid.Nz));
                phaseVoxels = MarkConducting(grid.Labels, phase, conducting, threads);
                components = ConnectedComponents.Label(conducting.AsSpan(0, grid.Labels.Length), grid.Nx, grid.Ny, grid.Nz);
                // The labelling holds what the axes need.
                workspace.Return(conducting);
            }

            results[k] = SolveAxis(grid, phase, components, phaseVoxels, axes[k], options, workspace, clock) with { WorkspaceBytes = workspace.Bytes };
            // Nothing of a solve outlives it but its result: the next axis reuses its arrays.
            workspace.Recycle();
        }

        s_keptWorkspaces.Add(workspace);

        return results;
    }

    /// <summary>
    /// Several phases' solves side by side, the cores split between them (each phase's calls as
    /// <see cref="Solve(VoxelGrid, ConductingPhase, IReadOnlyList{Axis}, SolverOptions?)"/>; results in phase order).
    /// Two solves on one core each finish sooner than one after the other on both: the coarse multigrid levels and
    /// the serial parts of a solve leave cores idle that the other phase fills (measured on 2 cores, the generated
    /// 200³ structure: 7.5–8.4 s against 8.3–9.3 s, alternated). Results do not depend on the thread count.
    /// </summary>
    public static IReadOnlyList<IReadOnlyList<TransportResult>> Solve(VoxelGrid grid, IReadOnlyList<ConductingPhase> phases, IReadOnlyList<Axis> axes, SolverOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(phases);
        options ??= SolverOptions.Default;
        int cores = options.MaxDegreeOfParallelism > 0 ? options.MaxDegreeOfParallelism : Environment.ProcessorCount;
        if (phases.Count < 2 || cores < phases.Count)
        {
            return [.. phases.Select(phase => Solve(grid, phase, axes, options))];
        }

        var perPhase = options with { MaxDegreeOfParallelism = cores / phases.Count };
        var results = new IReadOnlyList<TransportResult>[phases.Count];
        Parallel.For(0, phases.Count, new ParallelOptions { MaxDegreeOfParallelism = phases.Count },
            p => results[p] = Solve(grid, phases[p], axes, perPhase));
        return results;
    }

    private static SolveWorkspace? KeptWorkspace((int Nx, int Ny, int Nz) shape, int threads)
    {
        while (s_keptWorkspaces.TryTake(out var kept))
        {
            if (kept.Serves(shape, threads))
            {
                return kept;
            }
        }

        return null;
    }

    private static TransportResult SolveAxis(
        VoxelGrid grid, ConductingPhase phase, ConnectedComponents components, long phaseVoxels, Axis axis, SolverOptions options, SolveWorkspace workspace, Stopwatch clock)
    {
        double volumeFraction = (double)phaseVoxels / grid.VoxelCount;
        var system = TransportSystem.Build(grid, phase, axis, components, options.MaxDegreeOfParallelism, workspace);
        long active = system.ActiveCells;
        if (active == 0)
        {
            return TransportResult.NonPercolating(axis, phase.Name, volumeFraction, clock.Elapsed.TotalSeconds);
        }

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
        var result = new TransportResult(
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
        options.Fields?.Write(new TransportFields(phase.Name, axis, result, system.Level, solution.Concentration));
        return result;
    }

    /// <summary>Sets conducting[i] = 1 where the label conducts; returns how many do. Plane by plane on every core.</summary>
    private static long MarkConducting(byte[] labels, ConductingPhase phase, byte[] conducting, int threads)
    {
        var conducts = new byte[256];
        for (int label = 0; label < 256; label++)
        {
            conducts[label] = phase.Conductivity((byte)label) > 0 ? (byte)1 : (byte)0;
        }

        const int Block = 1 << 20;
        int blocks = (labels.Length + Block - 1) / Block;
        long count = 0;
        Parallel.For(0, blocks, new ParallelOptions { MaxDegreeOfParallelism = threads > 0 ? threads : -1 }, () => 0L,
            (b, _, sum) => sum + MarkBlock(labels, conducts, conducting, b * Block, Math.Min(labels.Length, (b + 1) * Block)),
            sum => Interlocked.Add(ref count, sum));
        return count;
    }

    // AggressiveOptimization: runs once per phase, too rarely for tiered compilation to optimise it in time.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static long MarkBlock(byte[] labels, byte[] conducts, byte[] conducting, int start, int end)
    {
        long count = 0;
        for (int i = start; i < end; i++)
        {
            byte c = conducts[labels[i]];
            conducting[i] = c;
            count += c;
        }

        return count;
    }
}

namespace MesoStream.Solver.Transport;

/// <summary>Which Krylov method solves the voxel system.</summary>
public enum SolverMethod
{
    /// <summary>Conjugate gradients preconditioned by one symmetric geometric-multigrid W-cycle (<see cref="Numerics.MultigridPreconditioner"/>).</summary>
    MultigridPcg,

    /// <summary>Unpreconditioned conjugate gradients on the same kernels: the benchmark baseline.</summary>
    PlainCg,
}

/// <summary>Tolerances and limits of one transport solve. The defaults are docs/science.md, "Convergence criterion".</summary>
public sealed record SolverOptions
{
    public static SolverOptions Default { get; } = new();

    public SolverMethod Method { get; init; } = SolverMethod.MultigridPcg;

    /// <summary>Required ‖b − A·c‖₂ / ‖b‖₂, evaluated in double precision.</summary>
    public double RelativeTolerance { get; init; } = 1e-6;

    /// <summary>Required |J_in − J_out| / max(J_in, J_out).</summary>
    public double FluxTolerance { get; init; } = 1e-3;

    /// <summary>Total Krylov iterations allowed before the solve gives up unconverged.</summary>
    public int MaxIterations { get; init; } = 20_000;

    /// <summary>Threads used by the kernels; -1 uses every core.</summary>
    public int MaxDegreeOfParallelism { get; init; } = -1;

    /// <summary>
    /// Receives the concentration and flux of every percolating solve while its fields still exist (they are reused
    /// by the next solve afterwards); null keeps no fields. Called from the solving thread, possibly for two phases
    /// at once.
    /// </summary>
    public ITransportFieldSink? Fields { get; init; }
}

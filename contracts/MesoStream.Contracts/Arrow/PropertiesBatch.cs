namespace MesoStream.Contracts.Arrow;

/// <summary>
/// The payload of <c>properties-computed</c>: the nine effective properties of one structure (paper: Outputs),
/// its porosity and AM fraction, each transport solve's diagnostics, and the voxel-ready payload forwarded unchanged
/// so the descriptor service needs no second source.
/// </summary>
/// <param name="Properties">Values by <see cref="PropertiesBatchCodec.PropertyNames"/>; τ is +∞ and σ is 0 where the phase does not percolate.</param>
public sealed record PropertiesBatch(
    string StructureId,
    IReadOnlyDictionary<string, double> Properties,
    IReadOnlyList<SolveDiagnostics> Solves,
    double InterfacialAreaSeconds,
    byte[] VoxelPayload);

/// <summary>One transport solve: which property it gives (e.g. <c>tau_x</c>), whether the phase percolates, how it converged.</summary>
public sealed record SolveDiagnostics(
    string Property,
    bool Percolates,
    double PercolatingFraction,
    int Iterations,
    double RelativeResidual,
    double FluxMismatch,
    bool Converged,
    double Seconds);

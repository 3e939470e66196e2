namespace MesoStream.Solver.Transport;

/// <summary>
/// One steady transport solve through a conducting phase along one axis.
/// <see cref="EffectiveDiffusivity"/> = D_eff/D0 = J·L/(A·Δc) in voxel units; <see cref="Tortuosity"/> = ε/(D_eff/D0)
/// (paper: Outputs – effective properties). A phase that does not percolate has D_eff = 0 and τ = +∞, never NaN.
/// <see cref="PercolatingFraction"/> is the share of the phase's voxels connected to both faces;
/// <see cref="Seconds"/> covers the whole solve, <see cref="IterationSeconds"/> the Krylov iterations alone, and
/// <see cref="BytesPerIteration"/> is the traffic model's estimate of the memory one iteration must stream.
/// </summary>
public sealed record TransportResult(
    Axis Axis,
    string Phase,
    double EffectiveDiffusivity,
    double VolumeFraction,
    double Tortuosity,
    bool Percolates,
    double PercolatingFraction,
    double InletFlux,
    double OutletFlux,
    double FluxMismatch,
    int Iterations,
    double RelativeResidual,
    bool Converged,
    long ActiveVoxels,
    double Seconds,
    double IterationSeconds,
    double BytesPerIteration)
{
    /// <summary>
    /// Bytes of the solve's large arrays (fields, operators of every level, masks), all held by its workspace when it
    /// finished: the memory a solve of this grid needs besides the labels themselves (1 byte per voxel).
    /// </summary>
    public long WorkspaceBytes { get; init; }

    /// <summary>
    /// The result for a phase with no voxel connected to both faces. There is nothing to solve, so it is converged.
    /// </summary>
    internal static TransportResult NonPercolating(Axis axis, string phase, double volumeFraction, double seconds) =>
        new(axis, phase, 0, volumeFraction, double.PositiveInfinity, false, 0, 0, 0, 0, 0, 0, true, 0, seconds, 0, 0);
}

using MesoStream.Solver.Transport;

namespace MesoStream.Solver.Properties;

/// <summary>
/// The nine targets of the paper (Outputs – effective properties): pore tortuosity factors τx, τy, τz (+∞ where the
/// pore space does not percolate), normalised AM conductivities σx, σy, σz (0 where AM does not percolate) and the
/// interfacial areas a01, a02, a12 in 1/m; with the porosity and every solve's diagnostics.
/// </summary>
public sealed record EffectiveProperties(
    double TauX,
    double TauY,
    double TauZ,
    double SigmaX,
    double SigmaY,
    double SigmaZ,
    double A01,
    double A02,
    double A12,
    double Porosity,
    double ActiveMaterialFraction,
    IReadOnlyList<TransportResult> PoreSolves,
    IReadOnlyList<TransportResult> ActiveMaterialSolves,
    double InterfacialAreaSeconds)
{
    /// <summary>True when all six solves met the convergence criterion.</summary>
    public bool AllConverged => PoreSolves.All(s => s.Converged) && ActiveMaterialSolves.All(s => s.Converged);
}

using MesoStream.Contracts.Arrow;
using MesoStream.Solver.Transport;

namespace MesoStream.Solver.Properties;

/// <summary>Maps the calculator's result onto the properties-computed contract.</summary>
public static class PropertiesMessage
{
    public static PropertiesBatch From(string structureId, EffectiveProperties p, byte[] voxelPayload)
    {
        var values = new Dictionary<string, double>
        {
            ["tau_x"] = p.TauX, ["tau_y"] = p.TauY, ["tau_z"] = p.TauZ,
            ["sigma_x"] = p.SigmaX, ["sigma_y"] = p.SigmaY, ["sigma_z"] = p.SigmaZ,
            ["a01"] = p.A01, ["a02"] = p.A02, ["a12"] = p.A12,
            ["porosity"] = p.Porosity, ["active_fraction"] = p.ActiveMaterialFraction,
        };
        var solves = p.PoreSolves.Select(s => Diagnostics("tau", s))
            .Concat(p.ActiveMaterialSolves.Select(s => Diagnostics("sigma", s)))
            .ToList();
        return new PropertiesBatch(structureId, values, solves, p.InterfacialAreaSeconds, voxelPayload);
    }

    private static SolveDiagnostics Diagnostics(string prefix, TransportResult r) =>
        new($"{prefix}_{r.Axis.ToString().ToLowerInvariant()}", r.Percolates, r.PercolatingFraction, r.Iterations,
            r.RelativeResidual, r.FluxMismatch, r.Converged, r.Seconds);
}

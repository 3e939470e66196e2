using MesoStream.Contracts.Arrow;
using MesoStream.Contracts.Vocabulary;
using Vocabulary = MesoStream.Contracts.Vocabulary;
using MesoStream.Solver.Transport;

namespace MesoStream.Solver.Properties;

/// <summary>Maps the calculator's result onto the properties-computed contract.</summary>
public static class PropertiesMessage
{
    public static PropertiesBatch From(string structureId, EffectiveProperties p, byte[] voxelPayload)
    {
        double[] computed = [p.TauX, p.TauY, p.TauZ, p.SigmaX, p.SigmaY, p.SigmaZ, p.A01, p.A02, p.A12];
        var values = Vocabulary.EffectiveProperties.All.ToDictionary(q => q.Name, q => computed[q.Index]);
        values[MeasuredFractions.Porosity] = p.Porosity;
        values[MeasuredFractions.ActiveMaterial] = p.ActiveMaterialFraction;
        var solves = p.PoreSolves.Select(s => Diagnostics(Vocabulary.EffectiveProperties.Tortuosity((int)s.Axis), s))
            .Concat(p.ActiveMaterialSolves.Select(s => Diagnostics(Vocabulary.EffectiveProperties.Conductivity((int)s.Axis), s)))
            .ToList();
        return new PropertiesBatch(structureId, values, solves, p.InterfacialAreaSeconds, voxelPayload);
    }

    private static SolveDiagnostics Diagnostics(EffectiveProperty property, TransportResult r) =>
        new(property.Name, r.Percolates, r.PercolatingFraction, r.Iterations,
            r.RelativeResidual, r.FluxMismatch, r.Converged, r.Seconds);
}

using System.Diagnostics;
using MesoStream.Contracts.Structures;
using MesoStream.Solver.Surfaces;
using MesoStream.Solver.Transport;

namespace MesoStream.Solver.Properties;

/// <summary>All nine effective properties of one structure: six transport solves and the three interfacial areas.</summary>
public static class EffectivePropertiesCalculator
{
    private static readonly Axis[] Axes = [Axis.X, Axis.Y, Axis.Z];

    public static EffectiveProperties Calculate(VoxelGrid grid, SolverOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(grid);
        var solves = TortuositySolver.Solve(grid, [ConductingPhase.Pore, ConductingPhase.ActiveMaterial], Axes, options);
        var (pore, am) = (solves[0], solves[1]);
        var clock = Stopwatch.StartNew();
        var areas = InterfacialAreaEstimator.Estimate(grid);
        double areaSeconds = clock.Elapsed.TotalSeconds;
        return new EffectiveProperties(
            pore[0].Tortuosity,
            pore[1].Tortuosity,
            pore[2].Tortuosity,
            am[0].EffectiveDiffusivity,
            am[1].EffectiveDiffusivity,
            am[2].EffectiveDiffusivity,
            areas.A01,
            areas.A02,
            areas.A12,
            grid.Fraction(VoxelLabels.Pore),
            grid.Fraction(VoxelLabels.ActiveMaterial),
            pore,
            am,
            areaSeconds);
    }
}

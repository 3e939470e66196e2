using MesoStream.Contracts.Structures;
using MesoStream.Solver.Transport;

namespace MesoStream.Solver.Tests;

public class AnalyticTransportTests
{
    private static TransportResult Solve(VoxelGrid g, ConductingPhase phase, Axis axis)
    {
        var result = TortuositySolver.Solve(g, phase, axis);
        Assert.True(result.Converged, $"{phase} {axis} did not converge: {result}");
        return result;
    }

    [Fact]
    public void Straight_pore_channels_along_x_have_unit_tortuosity_and_block_y_and_z()
    {
        // Isolated 1-voxel channels every third row/column: ε = 1/9 in a 30×12×12 grid.
        var g = TestGrids.Build(30, 12, 12, (_, y, z) => y % 3 == 1 && z % 3 == 1 ? VoxelLabels.Pore : VoxelLabels.ActiveMaterial);
        var x = Solve(g, ConductingPhase.Pore, Axis.X);
        Assert.Equal(1.0, x.Tortuosity, 1e-6);
        Assert.Equal(1.0 / 9, x.EffectiveDiffusivity, 1e-7);
        foreach (var axis in new[] { Axis.Y, Axis.Z })
        {
            var blocked = TortuositySolver.Solve(g, ConductingPhase.Pore, axis);
            Assert.False(blocked.Percolates);
            Assert.Equal(double.PositiveInfinity, blocked.Tortuosity);
            Assert.Equal(0.0, blocked.EffectiveDiffusivity);
        }
    }

    [Fact]
    public void A_full_box_has_unit_tortuosity_and_unit_conductivity()
    {
        var pore = TestGrids.Build(17, 9, 12, (_, _, _) => VoxelLabels.Pore);
        var am = TestGrids.Build(17, 9, 12, (_, _, _) => VoxelLabels.ActiveMaterial);
        foreach (var axis in new[] { Axis.X, Axis.Y, Axis.Z })
        {
            Assert.Equal(1.0, Solve(pore, ConductingPhase.Pore, axis).Tortuosity, 1e-6);
            Assert.Equal(1.0, Solve(am, ConductingPhase.ActiveMaterial, axis).EffectiveDiffusivity, 1e-6);
        }
    }

    [Fact]
    public void Pore_slabs_parallel_to_the_direction_give_D_eff_equal_to_porosity()
    {
        // Slabs normal to y, pore in 5 of every 8 layers: parallel bound D_eff = ε.
        var g = TestGrids.Build(20, 24, 10, (_, y, _) => y % 8 < 5 ? VoxelLabels.Pore : VoxelLabels.Binder);
        foreach (var axis in new[] { Axis.X, Axis.Z })
        {
            var r = Solve(g, ConductingPhase.Pore, axis);
            Assert.Equal(g.Fraction(VoxelLabels.Pore), r.EffectiveDiffusivity, 1e-7);
            Assert.Equal(1.0, r.Tortuosity, 1e-6);
        }

        // Across the slabs the pore space is cut by binder: series with a zero conductor.
        var across = TortuositySolver.Solve(g, ConductingPhase.Pore, Axis.Y);
        Assert.False(across.Percolates);
        Assert.Equal(double.PositiveInfinity, across.Tortuosity);
    }

    [Fact]
    public void Layers_of_different_conductivity_meet_the_series_and_parallel_bounds_exactly()
    {
        // Layers normal to x with conductivities 1, 0.25, 3 and thicknesses 3, 2, 5 voxels (repeating).
        var k = new Dictionary<byte, double> { [0] = 1.0, [1] = 0.25, [2] = 3.0 };
        var phase = ConductingPhase.WithConductivities("layered", k);
        byte Layer(int x) => (x % 10) switch { < 3 => 0, < 5 => 1, _ => 2 };
        var g = TestGrids.Build(30, 11, 13, (x, _, _) => Layer(x));
        double f0 = 0.3, f1 = 0.2, f2 = 0.5;
        double series = 1 / (f0 / 1.0 + f1 / 0.25 + f2 / 3.0);
        double parallel = f0 * 1.0 + f1 * 0.25 + f2 * 3.0;
        Assert.Equal(series, Solve(g, phase, Axis.X).EffectiveDiffusivity, 1e-6 * series);
        Assert.Equal(parallel, Solve(g, phase, Axis.Y).EffectiveDiffusivity, 1e-6 * parallel);
        Assert.Equal(parallel, Solve(g, phase, Axis.Z).EffectiveDiffusivity, 1e-6 * parallel);
    }

    [Fact]
    public void A_grid_without_the_phase_returns_infinite_tortuosity_not_NaN()
    {
        var g = TestGrids.Build(8, 8, 8, (_, _, _) => VoxelLabels.ActiveMaterial);
        var r = TortuositySolver.Solve(g, ConductingPhase.Pore, Axis.X);
        Assert.False(r.Percolates);
        Assert.Equal(double.PositiveInfinity, r.Tortuosity);
        Assert.Equal(0.0, r.EffectiveDiffusivity);
        Assert.Equal(0.0, r.PercolatingFraction);
    }
}

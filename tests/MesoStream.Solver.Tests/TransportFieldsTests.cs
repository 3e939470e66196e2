using MesoStream.Contracts.Structures;
using MesoStream.Solver.Transport;

namespace MesoStream.Solver.Tests;

public sealed class TransportFieldsTests
{
    /// <summary>Keeps every plane of every solve's fields.</summary>
    private sealed class Capture : ITransportFieldSink
    {
        public List<(Axis Axis, float[][] Concentration, float[][] Flux, TransportResult Result)> Solves { get; } = [];

        public void Write(TransportFields fields)
        {
            var c = new float[fields.Nz][];
            var j = new float[fields.Nz][];
            for (int z = 0; z < fields.Nz; z++)
            {
                c[z] = new float[fields.Nx * fields.Ny];
                j[z] = new float[fields.Nx * fields.Ny];
                fields.ConcentrationPlane(z, c[z]);
                fields.FluxMagnitudePlane(z, j[z]);
            }

            lock (Solves)
            {
                Solves.Add((fields.Axis, c, j, fields.Result));
            }
        }
    }

    [Theory]
    [InlineData(Axis.X)]
    [InlineData(Axis.Y)]
    [InlineData(Axis.Z)]
    public void An_all_pore_block_has_a_linear_concentration_and_uniform_flux(Axis axis)
    {
        var g = TestGrids.Build(6, 5, 4, (_, _, _) => VoxelLabels.Pore);
        var capture = new Capture();
        TortuositySolver.Solve(g, ConductingPhase.Pore, axis, new SolverOptions { Fields = capture });
        var (_, c, j, _) = Assert.Single(capture.Solves);
        int n = axis switch { Axis.X => 6, Axis.Y => 5, _ => 4 };
        for (int z = 0; z < 4; z++)
        {
            for (int y = 0; y < 5; y++)
            {
                for (int x = 0; x < 6; x++)
                {
                    int along = axis switch { Axis.X => x, Axis.Y => y, _ => z };
                    // Reservoirs half a voxel outside the end voxels: c falls by 1/n per voxel from 1 − 1/(2n).
                    Assert.Equal(1 - (along + 0.5) / n, c[z][x + 6 * y], 1e-5);
                    Assert.Equal(1.0 / n, j[z][x + 6 * y], 1e-5);
                }
            }
        }
    }

    [Fact]
    public void Voxels_outside_the_solve_have_no_concentration_and_no_flux_and_the_flux_carries_D_eff()
    {
        // A straight 2×2 pore channel along x through solid, plus an isolated pore voxel that does not percolate.
        var g = TestGrids.Build(8, 6, 6, (x, y, z) =>
            (y is 2 or 3 && z is 2 or 3) || (x == 5 && y == 0 && z == 0) ? VoxelLabels.Pore : VoxelLabels.ActiveMaterial);
        var capture = new Capture();
        TortuositySolver.Solve(g, ConductingPhase.Pore, Axis.X, new SolverOptions { Fields = capture });
        var (_, c, j, result) = Assert.Single(capture.Solves);
        Assert.True(float.IsNaN(c[0][5]));
        Assert.Equal(0f, j[0][5]);
        Assert.True(float.IsNaN(c[1][1]));
        double planeFlux = 0;
        for (int z = 0; z < 6; z++)
        {
            for (int y = 0; y < 6; y++)
            {
                planeFlux += j[z][4 + 8 * y];
            }
        }

        // Straight channel: the flux is all along x, so summed over a plane it is D_eff·A/L.
        Assert.Equal(result.EffectiveDiffusivity * 36 / 8, planeFlux, 1e-5);
    }

    [Fact]
    public void A_tortuous_structure_gets_one_field_per_percolating_axis()
    {
        var g = TestGrids.Random(20, 0.5, seed: 3);
        var capture = new Capture();
        var results = TortuositySolver.Solve(g, ConductingPhase.Pore, [Axis.X, Axis.Y, Axis.Z], new SolverOptions { Fields = capture });
        Assert.Equal(results.Count(r => r.Percolates), capture.Solves.Count);
        foreach (var (_, c, j, _) in capture.Solves)
        {
            var values = c.SelectMany(p => p).Where(v => !float.IsNaN(v)).ToArray();
            Assert.All(values, v => Assert.InRange(v, -1e-5f, 1 + 1e-5f));
            Assert.All(j.SelectMany(p => p), v => Assert.True(v >= 0));
        }
    }
}

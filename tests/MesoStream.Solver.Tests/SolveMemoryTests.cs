using MesoStream.Solver.Benchmarking;
using MesoStream.Solver.Transport;

namespace MesoStream.Solver.Tests;

public sealed class SolveMemoryTests
{
    /// <summary>
    /// The bytes per voxel of a unit-conductivity solve: byte diagonal 1, double concentration 8, four float fields
    /// of CG and the finest smoother 16, coarse levels ≈ 4.6, padding (ghost row and column per plane) a few per cent
    /// at 64³. 56 before the memory work; 32 is the budget that keeps 500³ under 4 GB with the labels and runtime.
    /// </summary>
    [Fact]
    public void A_solve_holds_at_most_32_bytes_per_voxel()
    {
        var g = BenchmarkStructures.SpherePack(64, 0.35, 5, seed: 4, binderFraction: 0.07);
        var results = TortuositySolver.Solve(g, ConductingPhase.Pore, [Axis.X, Axis.Y, Axis.Z]);
        Assert.All(results, r => Assert.True(r.Percolates));
        foreach (var r in results)
        {
            double perVoxel = (double)r.WorkspaceBytes / g.VoxelCount;
            Assert.InRange(perVoxel, 25, 32);
        }
    }

    [Fact]
    public void Fields_of_a_face_form_phase_fit_its_larger_operator()
    {
        // Non-unit conductivities store five float coefficients per cell (20 B) instead of the byte diagonal.
        var g = BenchmarkStructures.SpherePack(48, 0.35, 5, seed: 4, binderFraction: 0.07);
        var phase = ConductingPhase.WithConductivities("mixed", new Dictionary<byte, double> { [0] = 1.0, [2] = 0.25 });
        var result = TortuositySolver.Solve(g, phase, Axis.X);
        Assert.True(result.Converged);
        Assert.InRange((double)result.WorkspaceBytes / g.VoxelCount, 40, 60);
    }
}

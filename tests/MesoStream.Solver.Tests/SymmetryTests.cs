using MesoStream.Solver.Benchmarking;
using MesoStream.Solver.Transport;

namespace MesoStream.Solver.Tests;

public class SymmetryTests
{
    [Theory]
    [InlineData(new[] { 1, 0, 2 })]
    [InlineData(new[] { 2, 0, 1 })]
    public void Permuting_the_axes_permutes_the_tortuosities(int[] perm)
    {
        // A non-cubic crop of a sphere pack, so a wrong axis mapping cannot hide behind a cube's symmetry.
        var cube = BenchmarkStructures.SpherePack(28, 0.4, 3.5, seed: 7, binderFraction: 0.05);
        var g = TestGrids.Build(28, 22, 17, (x, y, z) => cube[x, y, z]);
        var permuted = TestGrids.Permute(g, perm);
        var axes = new[] { Axis.X, Axis.Y, Axis.Z };
        for (int newAxis = 0; newAxis < 3; newAxis++)
        {
            var original = TortuositySolver.Solve(g, ConductingPhase.Pore, axes[perm[newAxis]]);
            var moved = TortuositySolver.Solve(permuted, ConductingPhase.Pore, axes[newAxis]);
            Assert.True(original.Converged && moved.Converged);
            Assert.Equal(original.Tortuosity, moved.Tortuosity, 1e-5 * original.Tortuosity);
        }
    }
}

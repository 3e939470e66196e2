using MesoStream.Solver.Benchmarking;
using MesoStream.Solver.Transport;

namespace MesoStream.Solver.Tests;

public class MultigridTests
{
    [Fact]
    public void Iterations_grow_less_than_one_and_a_half_times_from_32_to_64_cubed()
    {
        // The same kind of structure at both sizes: sphere radius scales with the grid.
        var small = BenchmarkStructures.SpherePack(32, 0.35, 4, seed: 3);
        var large = BenchmarkStructures.SpherePack(64, 0.35, 8, seed: 3);
        foreach (var phase in new[] { ConductingPhase.Pore, ConductingPhase.ActiveMaterial })
        {
            var a = TortuositySolver.Solve(small, phase, Axis.X);
            var b = TortuositySolver.Solve(large, phase, Axis.X);
            Assert.True(a.Converged && b.Converged);
            Assert.True(b.Iterations < 1.5 * a.Iterations, $"{phase}: {a.Iterations} iterations at 32³, {b.Iterations} at 64³");
        }
    }

    [Fact]
    public void Multigrid_needs_far_fewer_iterations_than_plain_CG_for_the_same_answer()
    {
        var g = BenchmarkStructures.SpherePack(32, 0.4, 4, seed: 5);
        var mg = TortuositySolver.Solve(g, ConductingPhase.Pore, Axis.Z);
        var cg = TortuositySolver.Solve(g, ConductingPhase.Pore, Axis.Z, new SolverOptions { Method = SolverMethod.PlainCg });
        Assert.True(mg.Converged && cg.Converged);
        Assert.Equal(cg.EffectiveDiffusivity, mg.EffectiveDiffusivity, 1e-5 * cg.EffectiveDiffusivity);
        Assert.True(mg.Iterations * 4 < cg.Iterations, $"MG-PCG {mg.Iterations}, CG {cg.Iterations}");
    }
}

using MesoStream.Contracts.Structures;
using MesoStream.Solver.Benchmarking;
using MesoStream.Solver.Transport;

namespace MesoStream.Solver.Tests;

/// <summary>MG-PCG on float fields against an independent double-precision MathNet solve, to 1e-5 relative.</summary>
public class ReferenceSolveTests
{
    [Theory]
    [InlineData(12, 0.40, 1)]
    [InlineData(12, 0.55, 2)]
    [InlineData(14, 0.45, 3)]
    public void Random_voxel_media_match_a_dense_Cholesky_solve(int n, double porosity, int seed) =>
        AssertMatchesReference(TestGrids.Random(n, porosity, seed));

    [Theory]
    [InlineData(24, 0.30, 11)]
    [InlineData(32, 0.50, 12)]
    public void Sphere_packs_match_a_tight_sparse_iterative_solve(int n, double porosity, int seed) =>
        AssertMatchesReference(BenchmarkStructures.SpherePack(n, porosity, n / 8.0, seed, binderFraction: 0.05));

    [Fact]
    public void Three_conductivities_on_a_sphere_pack_match_a_tight_sparse_iterative_solve()
    {
        // Face-form fine level (non-unit conductivities), large enough that the kernels split into several chunks.
        var g = BenchmarkStructures.SpherePack(32, 0.40, 4, seed: 13, binderFraction: 0.1);
        var k = new Dictionary<byte, double> { [VoxelLabels.Pore] = 1.0, [VoxelLabels.ActiveMaterial] = 0.2, [VoxelLabels.Binder] = 0.05 };
        var phase = ConductingPhase.WithConductivities("mixed", k);
        foreach (var axis in new[] { Axis.X, Axis.Y, Axis.Z })
        {
            var result = TortuositySolver.Solve(g, phase, axis);
            double reference = ReferenceSolver.EffectiveDiffusivity(g, label => k.GetValueOrDefault(label), axis);
            Assert.True(result.Converged, result.ToString());
            Assert.Equal(reference, result.EffectiveDiffusivity, 1e-5 * reference);
        }
    }

    private static void AssertMatchesReference(VoxelGrid g)
    {
        foreach (var (phase, label) in new[] { (ConductingPhase.Pore, VoxelLabels.Pore), (ConductingPhase.ActiveMaterial, VoxelLabels.ActiveMaterial) })
        {
            foreach (var axis in new[] { Axis.X, Axis.Y, Axis.Z })
            {
                var result = TortuositySolver.Solve(g, phase, axis);
                double reference = ReferenceSolver.EffectiveDiffusivity(g, l => l == label ? 1 : 0, axis);
                Assert.True(result.Converged, result.ToString());
                Assert.Equal(reference > 0, result.Percolates);
                Assert.Equal(reference, result.EffectiveDiffusivity, 1e-5 * reference);
            }
        }
    }
}

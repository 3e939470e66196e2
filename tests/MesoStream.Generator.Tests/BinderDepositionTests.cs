using MesoStream.Contracts.Specs;
using MesoStream.Contracts.Structures;
using MesoStream.Generator.Binder;
using Xunit.Abstractions;

namespace MesoStream.Generator.Tests;

public class BinderDepositionTests(ITestOutputHelper output)
{
    [Fact]
    public void Small_omega_coats_the_active_material_and_large_omega_grows_fewer_thicker_clusters()
    {
        // docs/methods.md, "Binder deposition": on a 64³, v_AM ≈ 0.5 structure, ≈ 95 % of binder touches AM at ω = 0.1
        // and about half at ω = 0.9.
        var film = Morphology(0.1);
        var fingers = Morphology(0.9);
        output.WriteLine($"ω 0.1: {film}, touching {film.FractionTouchingAm:F3}, faces/voxel {film.ContactFacesPerVoxel:F3}, mean cluster {film.MeanClusterSize:F1}");
        output.WriteLine($"ω 0.9: {fingers}, touching {fingers.FractionTouchingAm:F3}, faces/voxel {fingers.ContactFacesPerVoxel:F3}, mean cluster {fingers.MeanClusterSize:F1}");

        Assert.True(film.FractionTouchingAm > 0.9, $"ω 0.1 touching fraction {film.FractionTouchingAm}");
        Assert.InRange(fingers.FractionTouchingAm, 0.3, 0.75);
        Assert.True(film.ContactFacesPerVoxel > 1.5 * fingers.ContactFacesPerVoxel);
        Assert.True(fingers.Clusters < film.Clusters / 2, $"clusters {fingers.Clusters} vs {film.Clusters}");
        Assert.True(fingers.MeanClusterSize > 2 * film.MeanClusterSize);
    }

    [Theory]
    [InlineData(0.0)]
    [InlineData(0.5)]
    [InlineData(1.0)]
    public void Deposition_stops_exactly_at_the_target_count_even_at_the_ends_of_the_omega_range(double omega)
    {
        var labels = Skeleton(out var grid);
        var before = (byte[])labels.Clone();
        const long target = 2_345;
        var rounds = BinderDeposition.Deposit(labels, grid, target, omega, seed: 3);

        Assert.Equal(target, labels.AsSpan().Count(VoxelLabels.Binder));
        Assert.Equal(98, rounds); // ⌈1 % of 2345⌉ = 24 per round: 97 full rounds and a last one cut to 17
        for (var v = 0; v < labels.Length; v++)
        {
            // Only pore turns into binder; AM is untouched.
            Assert.True(labels[v] == before[v] || (before[v] == VoxelLabels.Pore && labels[v] == VoxelLabels.Binder));
        }
    }

    [Fact]
    public void The_first_draw_follows_the_interfacial_energy_weights()
    {
        // A 4×4×4 structure with AM and pre-existing binder; one voxel deposited per run, 40 000 seeds.
        const double omega = 0.3;
        var grid = new GridSpec(4, 4, 4, 1.0);
        var template = new byte[64];
        int[] am = [0, 1, 5, 21, 42], binder = [2, 26, 63];
        foreach (var v in am) template[v] = VoxelLabels.ActiveMaterial;
        foreach (var v in binder) template[v] = VoxelLabels.Binder;

        var expected = new double[64];
        for (var v = 0; v < 64; v++)
        {
            if (template[v] != VoxelLabels.Pore) continue;
            var (nAm, nB) = CountNeighbours(template, v);
            expected[v] = (nB * omega + nAm * (1 - omega)) / 6;
        }

        var total = expected.Sum();
        const int runs = 40_000;
        var hits = new int[64];
        for (var seed = 0; seed < runs; seed++)
        {
            var labels = (byte[])template.Clone();
            BinderDeposition.Deposit(labels, grid, 1, omega, seed);
            for (var v = 0; v < 64; v++)
            {
                if (labels[v] != template[v]) hits[v]++;
            }
        }

        for (var v = 0; v < 64; v++)
        {
            var p = expected[v] / total;
            var sigma = Math.Sqrt(p * (1 - p) / runs);
            Assert.True(Math.Abs((double)hits[v] / runs - p) <= 4 * sigma + 1e-12, $"voxel {v}: {(double)hits[v] / runs} vs {p}");
        }
    }

    [Theory]
    [InlineData(0.1)]
    [InlineData(0.9)]
    public void Second_round_weights_are_updated_incrementally_from_the_first_round(double omega)
    {
        // Grid 4×2×1, AM at (0,0). Round 1 takes (1,0) or (0,1) with equal weight. Round 2 then sees:
        // after (1,0): (0,1) has E ∝ 1 − ω, (2,0) and (1,1) have E ∝ ω  → P(0,1) = (1 − ω)/(1 + ω);
        // after (0,1): (1,0) has E ∝ 1 − ω, (1,1) has E ∝ ω           → P(1,0) = 1 − ω.
        // So P(both AM-adjacent voxels) = ½(1 − ω)/(1 + ω) + ½(1 − ω).
        var grid = new GridSpec(4, 2, 1, 1.0);
        const int runs = 20_000;
        var both = 0;
        for (var seed = 0; seed < runs; seed++)
        {
            var labels = new byte[8];
            labels[0] = VoxelLabels.ActiveMaterial;
            var rounds = BinderDeposition.Deposit(labels, grid, 2, omega, seed);
            Assert.Equal(2, rounds);
            if (labels[1] == VoxelLabels.Binder && labels[4] == VoxelLabels.Binder) both++;
        }

        var p = 0.5 * (1 - omega) / (1 + omega) + 0.5 * (1 - omega);
        Assert.Equal(p, (double)both / runs, 4 * Math.Sqrt(p * (1 - p) / runs));
    }

    private static BinderMorphology Morphology(double omega)
    {
        var spec = TestSpecs.Make(64, 0.5, new SemiAxes(6.5, 3.9, 3.9), binderFraction: 0.07, omega: omega, seed: 5);
        return BinderMorphology.Measure(StructureGenerator.Generate(spec, new GeneratorOptions(2)).Grid);
    }

    private static byte[] Skeleton(out GridSpec grid)
    {
        var spec = TestSpecs.Make(32, 0.5, new SemiAxes(4, 3, 3), binderFraction: 0);
        var result = StructureGenerator.Generate(spec, new GeneratorOptions(1));
        grid = spec.Grid;
        return result.Grid.Labels;
    }

    private static (int Am, int Binder) CountNeighbours(byte[] labels, int v)
    {
        int x = v % 4, y = v / 4 % 4, z = v / 16;
        int am = 0, binder = 0;
        foreach (var (dx, dy, dz) in new[] { (1, 0, 0), (-1, 0, 0), (0, 1, 0), (0, -1, 0), (0, 0, 1), (0, 0, -1) })
        {
            int nx = x + dx, ny = y + dy, nz = z + dz;
            if (nx is < 0 or > 3 || ny is < 0 or > 3 || nz is < 0 or > 3) continue;
            var label = labels[nx + 4 * (ny + 4 * nz)];
            if (label == VoxelLabels.ActiveMaterial) am++;
            if (label == VoxelLabels.Binder) binder++;
        }

        return (am, binder);
    }
}

using MesoStream.Contracts.Structures;
using MesoStream.Descriptor.Pores;

namespace MesoStream.Descriptor.Tests;

public sealed class PoreSizeTests
{
    [Theory]
    [InlineData(12, 0.5, 1)]
    [InlineData(10, 0.2, 2)]
    [InlineData(9, 0.8, 3)]
    public void DistanceTransformMatchesBruteForce(int n, double solid, int seed)
    {
        var grid = Grids.Random(n, solid, seed);
        Assert.Equal(Grids.BruteForceSquaredDistance(grid), DistanceTransform.SquaredDistanceToSolid(grid));
    }

    [Fact]
    public void DistanceTransformMatchesBruteForceOnAnisotropicGrid()
    {
        var grid = Grids.RandomSpheres(7, 3, 3, seed: 4);
        var wide = Grids.Build(23, 5, 11, (x, y, z) => (x * 7 + y * 3 + z * 5) % 17 == 0 ? VoxelLabels.Binder : VoxelLabels.Pore);
        Assert.Equal(Grids.BruteForceSquaredDistance(grid), DistanceTransform.SquaredDistanceToSolid(grid));
        Assert.Equal(Grids.BruteForceSquaredDistance(wide), DistanceTransform.SquaredDistanceToSolid(wide));
    }

    [Theory]
    [InlineData(16, 0.3, 11)]
    [InlineData(16, 0.1, 12)]
    [InlineData(20, 0.05, 13)]
    public void LocalThicknessMatchesBruteForceOnRandomVoxels(int n, double solid, int seed)
    {
        var grid = Grids.Random(n, solid, seed);
        var fast = LocalThickness.SquaredRadii(grid, DistanceTransform.SquaredDistanceToSolid(grid));
        Assert.Equal(Grids.BruteForceSquaredThickness(grid), fast);
    }

    [Theory]
    [InlineData(20, 12, 5, 21)]
    [InlineData(20, 6, 7, 22)]
    [InlineData(18, 25, 4, 23)]
    public void LocalThicknessMatchesBruteForceOnRandomSpheres(int n, int spheres, double maxRadius, int seed)
    {
        var grid = Grids.RandomSpheres(n, spheres, maxRadius, seed);
        var fast = LocalThickness.SquaredRadii(grid, DistanceTransform.SquaredDistanceToSolid(grid));
        var reference = Grids.BruteForceSquaredThickness(grid);
        Assert.Equal(reference, fast);
        Assert.Contains(reference, d => d >= 9); // the case exercises real balls, not just single voxels
    }

    /// <summary>
    /// A slab pore W voxels wide between solid walls (open in y and z): every pore voxel has local-thickness radius
    /// W/2 for even W, (W + 1)/2 for odd W (distances to voxel centres; the diameter, Fiji's thickness, is W).
    /// </summary>
    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(5)]
    [InlineData(6)]
    public void SlabPoreHasRadiusHalfItsWidth(int width)
    {
        var grid = Grids.Build(width + 8, 5, 4, (x, _, _) => x >= 4 && x < 4 + width ? VoxelLabels.Pore : VoxelLabels.ActiveMaterial, voxelUm: 0.5);
        var psd = PoreSizeDistribution.Calculate(grid);
        double expected = (width % 2 == 0 ? width / 2.0 : (width + 1) / 2.0) * 0.5;
        Assert.Equal([expected], psd.RadiiUm);
        Assert.Equal([1.0], psd.CoveredFraction);
        Assert.Equal(expected, psd.MeanRadiusUm, 12);
        Assert.Equal(expected, psd.MedianRadiusUm, 12);
    }

    /// <summary>
    /// A spherical pore of radius R (voxel centres within R of a voxel centre) has local thickness √D₁ everywhere, D₁ the
    /// smallest squared lattice distance &gt; R² — so R ≤ radius &lt; R + 1 voxel; for R = 6, exactly √37.
    /// </summary>
    [Fact]
    public void SphericalPoreHasItsRadius()
    {
        var grid = Grids.Build(21, 21, 21, (x, y, z) =>
            (x - 10) * (x - 10) + (y - 10) * (y - 10) + (z - 10) * (z - 10) <= 36 ? VoxelLabels.Pore : VoxelLabels.Binder);
        var psd = PoreSizeDistribution.Calculate(grid);
        Assert.Equal([Math.Sqrt(37)], psd.RadiiUm);
        Assert.Equal(Math.Sqrt(37), psd.MeanRadiusUm, 12);
    }

    [Fact]
    public void CurveIsTheExactStepFunctionOfTheLocalThickness()
    {
        var grid = Grids.RandomSpheres(20, 12, 5, seed: 31);
        var reference = Grids.BruteForceSquaredThickness(grid).Where(d => d > 0).Select(d => Math.Sqrt(d) * grid.VoxelUm).ToArray();
        var psd = PoreSizeDistribution.Calculate(grid);

        Assert.Equal(reference.Distinct().Order(), psd.RadiiUm);
        for (int k = 0; k < psd.RadiiUm.Count; k++)
        {
            Assert.Equal(reference.Count(r => r >= psd.RadiiUm[k]) / (double)reference.Length, psd.CoveredFraction[k], 12);
        }

        Assert.Equal(reference.Average(), psd.MeanRadiusUm, 10);
        var sorted = reference.OrderDescending().ToArray();
        Assert.Equal(sorted[(sorted.Length + 1) / 2 - 1], psd.MedianRadiusUm);
        Assert.Equal(reference.Length, psd.PoreVoxels);
    }

    [Fact]
    public void GridsWithoutSolidOrPoreAreRejectedClearly()
    {
        var allPore = Grids.Build(4, 4, 4, (_, _, _) => VoxelLabels.Pore);
        var allSolid = Grids.Build(4, 4, 4, (_, _, _) => VoxelLabels.ActiveMaterial);
        Assert.Contains("no solid", Assert.Throws<InvalidOperationException>(() => PoreSizeDistribution.Calculate(allPore)).Message);
        Assert.Contains("no pore", Assert.Throws<InvalidOperationException>(() => PoreSizeDistribution.Calculate(allSolid)).Message);
    }
}

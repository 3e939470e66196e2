using MesoStream.Cli.Benchmarks;
using MesoStream.Contracts.Specs;

namespace MesoStream.Pipeline.Tests;

/// <summary>The representative-volume study's statistics, grid parsing and choice, and one small real cell.</summary>
public sealed class RepresentativeVolumeStudyTests
{
    [Fact]
    public void CoefficientOfVariationIsTheSampleSdOverTheMean()
    {
        // mean 5, sample variance ((−2)² + 0² + 2²)/2 = 4.
        Assert.Equal(2.0 / 5.0, RepresentativeVolumeStudy.CoefficientOfVariation([3, 5, 7]), 12);
        Assert.Equal(0, RepresentativeVolumeStudy.CoefficientOfVariation([4, 4, 4]));
        Assert.True(double.IsNaN(RepresentativeVolumeStudy.CoefficientOfVariation([4])));
    }

    [Theory]
    [InlineData("128")]
    [InlineData("128@")]
    [InlineData("4@1")]
    [InlineData("128@0")]
    [InlineData("x@1")]
    public void AGridThatIsNotEdgeAtVoxelSizeIsRefusedWithTheAllowedForm(string text)
    {
        var error = Assert.Throws<ArgumentException>(() => RveGrid.Parse(text));
        Assert.Contains($"\"{text}\" is not EDGE@VOXEL_UM", error.Message);
        Assert.Equal(new RveGrid(100, 2), RveGrid.Parse(" 100 @ 2 "));
    }

    [Fact]
    public void TheStudyGridIsTheCheapestWithinToleranceForTheDesignNearestTheTypicalPorosity()
    {
        var typical = new RveDesign("typical", 0.62, 0.08, new SemiAxes(6, 4, 4));
        var tight = new RveDesign("tight", 0.74, 0.09, new SemiAxes(6, 4, 4));
        RveCell Cell(RveDesign design, int edge, double porosity, double cv, double seconds) =>
            new(design, new RveGrid(edge, 1), 4, porosity, [1, 1, 1], cv, 0, 0, 0, seconds);
        var cells = new[]
        {
            Cell(typical, 64, 0.31, 0.08, 0.5),
            Cell(typical, 96, 0.30, 0.04, 1.5),
            Cell(typical, 128, 0.30, 0.02, 3.0),
            Cell(tight, 64, 0.17, 0.01, 0.4),
            // Coarse voxels: cheap and tight but biased (τ 1.2 against the 1 µm reference's 1.0).
            new(typical, new RveGrid(64, 2), 4, 0.30, [1.2, 1.2, 1.2], 0.01, 0, 0, 0, 0.3),
        };

        Assert.Equal(128, RepresentativeVolumeStudy.Reference(cells, typical).Grid.Edge);
        Assert.Equal(0.2, RepresentativeVolumeStudy.TauBias(cells, cells[^1]), 12);
        Assert.Equal(96, RepresentativeVolumeStudy.Cheapest(cells, 0.05, 0.3)!.Grid.Edge);
        Assert.Equal(128, RepresentativeVolumeStudy.Cheapest(cells, 0.03, 0.3)!.Grid.Edge);
        Assert.Equal(2, RepresentativeVolumeStudy.Cheapest(cells, 0.25, 0.3)!.Grid.VoxelUm);
        Assert.Null(RepresentativeVolumeStudy.Cheapest(cells, 0.01, 0.3));
    }

    [Fact]
    public void ReplicatesOfOneDesignDifferOnlyBySeedAndTheirScatterIsMeasured()
    {
        var cell = RepresentativeVolumeStudy.Measure(RepresentativeVolumeStudy.Designs[0], new RveGrid(24, 1), replicates: 2);

        Assert.Equal(2, cell.Replicates);
        // The open design: 1 − 0.50 − 0.06 = 0.44 nominal porosity.
        Assert.InRange(cell.Porosity, 0.40, 0.48);
        Assert.All(cell.TauMean, t => Assert.InRange(t, 1.0, 10.0));
        // Two different seeds give different structures, so some scatter, but the same design keeps it moderate.
        Assert.InRange(cell.TauCv, 1e-6, 0.5);
        Assert.InRange(cell.SigmaCv, 1e-6, 0.5);
        Assert.InRange(cell.AreaCv, 1e-6, 0.5);
        Assert.True(cell.SecondsPerStructure > 0);
    }
}

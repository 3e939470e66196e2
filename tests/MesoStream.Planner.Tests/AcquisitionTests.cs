using MesoStream.Contracts.Vocabulary;
using MesoStream.Planner.Acquisition;

namespace MesoStream.Planner.Tests;

/// <summary>The acquisition's parts: the ensemble's spread, the normalised design space, greedy max-min.</summary>
public sealed class AcquisitionTests
{
    [Fact]
    public void The_spread_is_the_sample_standard_deviation_of_the_trees()
    {
        var ensemble = DesignEnsembles.UnsureAbove(DescriptorId.AnisotropyA1, 1.0, trees: 4);
        var row = new double[Descriptors.SpecDetermined.Count];
        row[DesignEnsembles.Feature(DescriptorId.AnisotropyA1)] = 0.5;
        Assert.Equal(0, EnsembleSpread.At(ensemble, row));

        row[DesignEnsembles.Feature(DescriptorId.AnisotropyA1)] = 3;
        // Trees predict 0, 1, 2, 3: sample sd √(5/3).
        Assert.Equal(Math.Sqrt(5.0 / 3.0), EnsembleSpread.At(ensemble, row), 12);
    }

    [Fact]
    public void The_design_space_maps_the_training_box_to_the_unit_cube_on_a_log_scale_for_log_uniform_parameters()
    {
        var space = new DesignSpace(DesignEnsembles.PaperRanges);
        double[] low = [0.4, 0.05, 0.1, 2, 1, 0.4, 0.6, 0.1, 0.1];
        double[] high = [0.8, 0.1, 0.9, 7, 5, 0.53, 1, 100, 100];
        double[] mid = [0.6, 0.075, 0.5, 4.5, Math.Sqrt(5), 0.465, 0.8, 1, Math.Sqrt(10)];

        Assert.All(space.Normalise(low), v => Assert.Equal(0, v, 12));
        Assert.All(space.Normalise(high), v => Assert.Equal(1, v, 12));
        var middle = space.Normalise(mid);
        Assert.All(middle.Take(7), v => Assert.Equal(0.5, v, 12));
        Assert.Equal(1.0 / 3.0, middle[7], 12);
        Assert.Equal(0.5, middle[8], 12);
    }

    [Fact]
    public void Greedy_max_min_starts_at_the_best_score_then_takes_the_farthest_shortlisted_point()
    {
        // A tight cluster of high scores at the origin, one lower-scored point far away, one far point off the shortlist.
        double[][] points = [[0, 0], [0.01, 0], [0, 0.01], [1, 1], [5, 5]];
        double[] scores = [0.9, 0.95, 0.92, 0.5, 0.1];

        var picked = BatchDiversity.Pick(points, scores, batch: 2, shortlist: 4);

        Assert.Equal([1, 3], picked);
        // Then the nearer-to-nothing of the cluster (point 2 is 0.014 from point 1, point 0 only 0.010); point 4 is not shortlisted.
        Assert.Equal([1, 3, 2, 0], BatchDiversity.Pick(points, scores, batch: 4, shortlist: 4));
    }
}

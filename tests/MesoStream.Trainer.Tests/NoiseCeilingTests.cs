using MesoStream.Trainer.Metrics;

namespace MesoStream.Trainer.Tests;

public sealed class NoiseCeilingTests
{
    [Fact]
    public void TheCeilingIsOneMinusThePooledWithinVarianceOverTheTotal()
    {
        // Groups {1, 3} and {5, 7}: within variance (2 + 2) / 2 = 2; all values 1, 3, 5, 7: sample variance 20/3.
        var ceiling = NoiseCeiling.Estimate("tau_x", [[1, 3], [5, 7]], [1, 3, 5, 7])!;

        Assert.Equal(2, ceiling.Groups);
        Assert.Equal(4, ceiling.Structures);
        Assert.Equal(Math.Sqrt(2), ceiling.WithinSd, 12);
        Assert.Equal(Math.Sqrt(20.0 / 3.0), ceiling.TotalSd, 12);
        Assert.Equal(1 - (2 / (20.0 / 3.0)), ceiling.CeilingR2, 12);
    }

    [Fact]
    public void NonFiniteValuesAndGroupsWithoutTwoFiniteValuesAreLeftOut()
    {
        var ceiling = NoiseCeiling.Estimate("tau_x", [[1, 3, double.PositiveInfinity], [5, double.PositiveInfinity]], [1, 3, 5, 7, double.PositiveInfinity])!;
        Assert.Equal(1, ceiling.Groups);
        Assert.Equal(Math.Sqrt(2), ceiling.WithinSd, 12);

        Assert.Null(NoiseCeiling.Estimate("tau_x", [[1, double.PositiveInfinity]], [1, 2, 3]));
    }

    [Fact]
    public void ValuesOutsideTheOutlierCutAreLeftOutLikeTheTestRowsTheyAreComparedWith()
    {
        double[] all = [.. Enumerable.Range(1, 200).Select(i => (double)i), 5000];
        var range = NoiseCeiling.OutlierRange(all);
        Assert.True(range.High < 5000);
        var ceiling = NoiseCeiling.Estimate("tau_x", [[10, 12], [5000, 20]], all, range)!;
        // The {5000, 20} group keeps one value inside the cut, so only {10, 12} counts.
        Assert.Equal(1, ceiling.Groups);
        Assert.Equal(Math.Sqrt(2), ceiling.WithinSd, 12);
        Assert.True(ceiling.TotalSd < 100);
    }
}

using MesoStream.Trainer.Data;
using MesoStream.Trainer.Features;

namespace MesoStream.Trainer.Tests;

public sealed class DataPreparationTests
{
    [Fact]
    public void CorrelationFilterDropsTheLaterOfEachCorrelatedPairAndKeepsIndependentFeatures()
    {
        var random = new Random(7);
        var rows = Enumerable.Range(0, 500).Select(_ =>
        {
            double a = random.NextDouble(), b = random.NextDouble(), c = random.NextDouble();
            double noise = 0.01 * Synthetic.Normal(random);
            // 0 a | 1 b | 2 = −3a + tiny noise (|r| ≈ 1 with 0) | 3 constant | 4 c | 5 = a + b (|r| ≈ 0.71 with each)
            // 6 = b² (|r| ≈ 0.97 with 1) | 7 = 2c + 5 (|r| = 1 with 4)
            return new[] { a, b, -3 * a + noise, 4.0, c, a + b, b * b, 2 * c + 5 };
        }).ToArray();

        Assert.Equal([0, 1, 4, 5], CorrelationFilter.Select(rows));
    }

    [Fact]
    public void CorrelationFilterKeepsAFeatureCorrelatedOnlyWithADroppedOne()
    {
        // x0 = t, x1 = t + 0.45·u, x2 = t + 0.9·u: r(0,1) ≈ 0.91 (drop 1), r(0,2) ≈ 0.69 (keep 2) though r(1,2) ≈ 0.93.
        var random = new Random(3);
        var rows = Enumerable.Range(0, 4000).Select(_ =>
        {
            double t = Synthetic.Normal(random), u = Synthetic.Normal(random);
            return new[] { t, t + 0.45 * u, t + 1.05 * u };
        }).ToArray();

        Assert.Equal([0, 2], CorrelationFilter.Select(rows));
    }

    [Fact]
    public void CorrelationFilterIsTheSameAcrossBlockBoundaries()
    {
        // 150 features: 50 independent, each followed by two near copies → exactly the 50 originals survive.
        var random = new Random(11);
        var rows = Enumerable.Range(0, 300).Select(_ =>
        {
            var row = new double[150];
            for (int k = 0; k < 50; k++)
            {
                double x = random.NextDouble();
                row[3 * k] = x;
                row[3 * k + 1] = 2 * x + 0.01 * random.NextDouble();
                row[3 * k + 2] = -x + 0.01 * random.NextDouble();
            }

            return row;
        }).ToArray();

        Assert.Equal(Enumerable.Range(0, 50).Select(k => 3 * k), CorrelationFilter.Select(rows));
    }

    [Fact]
    public void OutlierCutKeepsExactlyTheRowsWithinTheFirstAndNinetyNinthPercentile()
    {
        // 0, 1, …, 100 shuffled: P1 = 1 and P99 = 99 exactly, so 0 and 100 go.
        var target = Enumerable.Range(0, 101).Select(i => (double)(i * 37 % 101)).ToArray();
        var kept = OutlierCut.KeptRows(target);
        Assert.Equal(99, kept.Length);
        Assert.DoesNotContain(Array.IndexOf(target, 0.0), kept);
        Assert.DoesNotContain(Array.IndexOf(target, 100.0), kept);

        // 1…200: h = 199·0.01 = 1.99 → P1 = 2.99, P99 = 198.01: keep 3…198.
        var ramp = Enumerable.Range(1, 200).Select(i => (double)i).ToArray();
        Assert.Equal(Enumerable.Range(2, 196), OutlierCut.KeptRows(ramp));
    }

    [Fact]
    public void PercentileIsLinearInterpolationBetweenClosestRanks()
    {
        double[] values = [10, 40, 20, 30];
        Assert.Equal(10, Percentile.Of(values, 0));
        Assert.Equal(25, Percentile.Of(values, 50));
        Assert.Equal(37, Percentile.Of(values, 90), 12);
        Assert.Equal(40, Percentile.Of(values, 100));
    }

    [Fact]
    public void SplitIsSeededEightyTwentyAndDisjoint()
    {
        var a = TrainTestSplit.Create(1000, seed: 42);
        var b = TrainTestSplit.Create(1000, seed: 42);
        var c = TrainTestSplit.Create(1000, seed: 43);
        Assert.Equal(800, a.TrainRows.Length);
        Assert.Equal(200, a.TestRows.Length);
        Assert.Equal(Enumerable.Range(0, 1000), a.TrainRows.Concat(a.TestRows).Order());
        Assert.Equal(a.TestRows, b.TestRows);
        Assert.NotEqual(a.TestRows, c.TestRows);
    }
}

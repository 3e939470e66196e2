using MesoStream.Trainer.Metrics;
using MesoStream.Trainer.Models;

namespace MesoStream.Trainer.Tests;

public sealed class TreeModelTests
{
    [Fact]
    public void TreeSplitsAStepExactly()
    {
        var rows = Enumerable.Range(0, 40).Select(i => new[] { i * 0.1, (i * 7 % 40) * 1.0 }).ToArray();
        var target = rows.Select(x => x[0] < 2.0 ? 1.0 : 5.0).ToArray();
        var tree = new DecisionTreeRegressor(maxDepth: 3, minLeaf: 1);
        tree.Fit(rows, target);

        Assert.Equal(3, tree.NodeCount);
        Assert.Equal(target, tree.Predict(rows));
        Assert.Equal(1.0, tree.PredictRow([1.94, 0]));
        Assert.Equal(5.0, tree.PredictRow([1.96, 0]));
    }

    [Fact]
    public void TreeRespectsMinimumLeafWeightAndDepth()
    {
        var rows = Synthetic.Uniform(200, 3, 1);
        var target = Synthetic.Smooth(rows, 0.1, 2);
        var stump = new DecisionTreeRegressor(maxDepth: 1, minLeaf: 5);
        stump.Fit(rows, target);
        Assert.Equal(3, stump.NodeCount);

        var coarse = new DecisionTreeRegressor(maxDepth: 30, minLeaf: 50);
        coarse.Fit(rows, target);
        Assert.True(coarse.NodeCount <= 2 * (200 / 50) - 1);
    }

    [Fact]
    public void AdaBoostReachesHighAccuracyOnASmoothTarget()
    {
        var rows = Synthetic.Uniform(900, 4, 10);
        var target = Synthetic.Smooth(rows, 0.02, 11);
        var model = new AdaBoostR2();
        model.Fit(rows[..700], target[..700]);

        double r2 = RegressionScores.R2(target[700..], model.Predict(rows[700..]));
        Assert.True(r2 > 0.95, $"test R² = {r2}");
        Assert.True(model.TreeCount > 1);
    }

    [Fact]
    public void AdaBoostIsDeterministicForASeed()
    {
        var rows = Synthetic.Uniform(200, 4, 20);
        var target = Synthetic.Smooth(rows, 0.05, 21);
        var a = new AdaBoostR2(rounds: 10, seed: 5);
        var b = new AdaBoostR2(rounds: 10, seed: 5);
        a.Fit(rows, target);
        b.Fit(rows, target);
        Assert.Equal(a.Predict(rows), b.Predict(rows));
    }
}

public sealed class HistogramTreeTests
{
    [Fact]
    public void WithFewDistinctValuesTheHistogramTreeIsExactCart()
    {
        var random = new Random(3);
        var rows = Enumerable.Range(0, 300).Select(_ => new[] { random.Next(40) * 0.25, random.Next(200) * 0.01, random.NextDouble() > 0.5 ? 1.0 : 0.0 }).ToArray();
        var target = rows.Select(x => Math.Sin(x[0]) + x[1] * x[1] + 0.5 * x[2] + 0.05 * random.NextDouble()).ToArray();
        var tree = new DecisionTreeRegressor(maxDepth: 5, minLeaf: 4);
        tree.Fit(rows, target);

        var reference = ExhaustiveCart.Fit(rows, target, maxDepth: 5, minLeaf: 4);
        var probes = Enumerable.Range(0, 500).Select(_ => new[] { random.NextDouble() * 10, random.NextDouble() * 2, random.NextDouble() }).ToArray();
        Assert.Equal(probes.Select(reference), tree.Predict(probes));
    }

    [Fact]
    public void ManyDistinctValuesShareAtMost256BinsWithoutSplittingEqualValues()
    {
        var values = Enumerable.Range(0, 5000).Select(i => new[] { (double)(i % 1000), i < 2500 ? 1.0 : 2.0 }).ToArray();
        var bins = FeatureBins.Build(values);

        Assert.Equal(FeatureBins.MaxBins, bins.Lowest[0].Length);
        Assert.Equal([1.0, 2.0], bins.Lowest[1]);
        for (int b = 1; b < bins.Lowest[0].Length; b++)
        {
            Assert.True(bins.Lowest[0][b] > bins.Highest[0][b - 1]);
        }

        Assert.All(Enumerable.Range(0, 5000), i => Assert.InRange(values[i][0], bins.Lowest[0][bins.Bins[0][i]], bins.Highest[0][bins.Bins[0][i]]));
    }

    /// <summary>Textbook CART by exhaustive search over midpoints of consecutive distinct values (the reference).</summary>
    private static class ExhaustiveCart
    {
        public static Func<double[], double> Fit(double[][] rows, double[] y, int maxDepth, int minLeaf) =>
            Grow([.. Enumerable.Range(0, rows.Length)], rows, y, 0, maxDepth, minLeaf);

        private static Func<double[], double> Grow(int[] node, double[][] rows, double[] y, int depth, int maxDepth, int minLeaf)
        {
            double sum = node.Sum(i => y[i]), mean = sum / node.Length;
            double sse = node.Sum(i => (y[i] - mean) * (y[i] - mean));
            if (depth >= maxDepth || node.Length < 2 * minLeaf || sse <= 1e-12 * Math.Max(1.0, node.Sum(i => y[i] * y[i])))
            {
                return _ => mean;
            }

            double bestScore = sum * sum / node.Length * (1 + 1e-12), bestThreshold = 0;
            int bestFeature = -1;
            for (int f = 0; f < rows[0].Length; f++)
            {
                var sorted = node.OrderBy(i => rows[i][f]).ToArray();
                double left = 0;
                for (int k = 0; k < sorted.Length - 1; k++)
                {
                    left += y[sorted[k]];
                    double value = rows[sorted[k]][f], next = rows[sorted[k + 1]][f];
                    int nLeft = k + 1, nRight = sorted.Length - nLeft;
                    if (value == next || nLeft < minLeaf || nRight < minLeaf)
                    {
                        continue;
                    }

                    double score = left * left / nLeft + (sum - left) * (sum - left) / nRight;
                    if (score > bestScore)
                    {
                        (bestScore, bestFeature, bestThreshold) = (score, f, 0.5 * (value + next));
                    }
                }
            }

            if (bestFeature < 0)
            {
                return _ => mean;
            }

            int feature = bestFeature;
            double threshold = bestThreshold;
            var low = Grow([.. node.Where(i => rows[i][feature] <= threshold)], rows, y, depth + 1, maxDepth, minLeaf);
            var high = Grow([.. node.Where(i => rows[i][feature] > threshold)], rows, y, depth + 1, maxDepth, minLeaf);
            return x => x[feature] <= threshold ? low(x) : high(x);
        }
    }
}

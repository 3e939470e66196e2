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

        double r2 = RegressionMetrics.R2(target[700..], model.Predict(rows[700..]));
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

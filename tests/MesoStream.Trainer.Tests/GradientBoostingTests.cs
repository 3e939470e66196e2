using MesoStream.Trainer.Metrics;
using MesoStream.Trainer.Models;

namespace MesoStream.Trainer.Tests;

public sealed class GradientBoostingTests
{
    [Fact]
    public void FastTreeReachesHighAccuracyAndRanksTheInformativeFeatures()
    {
        var rows = Synthetic.Uniform(900, 6, 30);
        var target = Synthetic.Smooth(rows, 0.02, 31);
        var model = new GradientBoosting();
        model.Fit(rows[..700], target[..700]);

        double r2 = RegressionScores.R2(target[700..], model.Predict(rows[700..]));
        Assert.True(r2 > 0.95, $"test R² = {r2}");

        var importances = model.FeatureImportances();
        Assert.Equal(6, importances.Length);
        var top3 = importances.Select((w, j) => (w, j)).OrderByDescending(t => t.w).Take(3).Select(t => t.j).Order();
        Assert.Equal([0, 1, 2], top3);
    }

    [Fact]
    public void FastTreeIsDeterministicForASeed()
    {
        var rows = Synthetic.Uniform(300, 4, 40);
        var target = Synthetic.Smooth(rows, 0.05, 41);
        var a = new GradientBoosting(seed: 3, trees: 50);
        var b = new GradientBoosting(seed: 3, trees: 50);
        a.Fit(rows, target);
        b.Fit(rows, target);
        Assert.Equal(a.Predict(rows), b.Predict(rows));
        Assert.Equal(a.FeatureImportances(), b.FeatureImportances());
    }
}

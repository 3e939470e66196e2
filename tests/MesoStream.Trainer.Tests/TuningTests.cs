using MesoStream.Contracts.Models;
using MesoStream.Trainer.Data;
using MesoStream.Trainer.Models;
using MesoStream.Trainer.Workflow;

namespace MesoStream.Trainer.Tests;

public sealed class TuningTests
{
    [Fact]
    public void StratifiedFoldsShareEveryQuantileOfTheTarget()
    {
        var target = Enumerable.Range(0, 100).Select(i => (double)i * i).ToArray();
        var fold = StratifiedFolds.Assign(target, 4, seed: 7);
        for (int block = 0; block < 100; block += 4)
        {
            // Each run of 4 consecutive target ranks holds one row of every fold.
            Assert.Equal([0, 1, 2, 3], fold[block..(block + 4)].Order());
        }
    }

    [Fact]
    public void StagedPredictionsEndWhereTheFittedEnsemblePredicts()
    {
        var rows = Synthetic.Uniform(300, 3, seed: 5);
        var y = Synthetic.Smooth(rows, 0.05, seed: 6);
        var model = new GradientBoosting(trees: 40, leaves: 8);
        model.Fit(rows, y);
        var staged = model.StagedPredictions(rows);
        Assert.Equal(40, staged.Length);
        var final = model.Predict(rows);
        for (int i = 0; i < rows.Length; i++)
        {
            Assert.Equal(final[i], staged[^1][i], 1e-5);
        }
    }

    [Fact]
    public void TheServedModelIsChosenOnTrainingRowsAndEarlyStoppingLimitsTheTrees()
    {
        var rows = Synthetic.Uniform(300, 3, seed: 8);
        var y = Synthetic.Smooth(rows, 0.3, seed: 9);
        var result = TargetWorkflow.Run(rows, ["a", "b", "c"], y, new WorkflowOptions { Models = [ModelKind.Ridge, ModelKind.GradientBoosting] });

        var chosen = result.Models.MaxBy(m => m.SelectionR2!.Value)!;
        Assert.Equal(chosen.Model, result.Served);
        var boosted = result.Models.Single(m => m.Model == ModelKind.GradientBoosting);
        // On 200 noisy rows 300 trees over-fit: early stopping keeps fewer.
        int trees = int.Parse(boosted.Settings!.Split(", ").Last().Split(' ')[0], System.Globalization.CultureInfo.InvariantCulture);
        Assert.InRange(trees, 1, 299);
    }
}

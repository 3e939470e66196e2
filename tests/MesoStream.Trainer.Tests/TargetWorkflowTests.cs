using MesoStream.Contracts.Models;
using MesoStream.Trainer.Workflow;

namespace MesoStream.Trainer.Tests;

public sealed class TargetWorkflowTests
{
    private static (double[][] Rows, string[] Names, double[] Target) Table()
    {
        var rows = Synthetic.Uniform(600, 5, 50);
        foreach (var row in rows)
        {
            row[4] = 2 * row[0] + 0.001 * row[4];
        }

        var target = Synthetic.Smooth(rows, 0.02, 51);
        target[10] = double.PositiveInfinity;
        return (rows, ["a", "b", "c", "d", "a_copy"], target);
    }

    private static readonly WorkflowOptions Fast = new() { Seed = 7 };

    [Fact]
    public void RunsEveryModelAndAccountsForEveryRow()
    {
        var (rows, names, target) = Table();
        var result = TargetWorkflow.Run(rows, names, target, Fast);

        Assert.Equal(600, result.InputRows);
        Assert.Equal(1, result.NonFiniteTargets);
        Assert.Equal(599, result.TrainRows + result.TestRows + result.OutliersRemoved);
        Assert.Equal(Math.Round(0.2 * (599 - result.OutliersRemoved)), result.TestRows);
        Assert.Equal(["a", "b", "c", "d"], result.SelectedFeatures);
        Assert.Equal(ModelCatalog.All, result.Models.Select(m => m.Model));
        Assert.All(result.Models, m => Assert.True(m.Metrics.TestR2 > 0.8, $"{m.Name}: {m.Metrics}"));
        Assert.True(result.Models.Single(m => m.Model == ModelKind.GradientBoosting).Metrics.TestR2 > 0.95);
        Assert.Contains(result.TopImportances[0].Feature, new[] { "a", "b", "c" });
    }

    [Fact]
    public void SameDataAndSeedGiveIdenticalMetrics()
    {
        var (rows, names, target) = Table();
        var first = TargetWorkflow.Run(rows, names, target, Fast);
        var second = TargetWorkflow.Run(rows, names, target, Fast);

        Assert.Equal(first.Models.Select(m => m.Metrics), second.Models.Select(m => m.Metrics));
        Assert.Equal(first.TopImportances, second.TopImportances);
        Assert.Equal(first.SelectedFeatures, second.SelectedFeatures);
    }
}

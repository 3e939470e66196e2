using MesoStream.Contracts.Models;
using MesoStream.Trainer.Benchmarking;
using MesoStream.Trainer.Workflow;

namespace MesoStream.Trainer.Tests;

/// <summary>The first version of a campaign trains on a dozen structures: folds too small for a boosted split must still train.</summary>
public sealed class SmallDatasetTests
{
    [Fact]
    public void Twelve_rows_train_a_boosted_model_whose_folds_cannot_split()
    {
        var outcome = DatasetTraining.Run(SyntheticDataset.Create(12, seed: 3), ["tau_x"],
            new WorkflowOptions { Models = [ModelKind.GradientBoosting] }, 1, DateTimeOffset.UtcNow);

        var target = Assert.Single(outcome.Artifact.Targets);
        Assert.Equal(ModelKind.GradientBoosting, target.Model);
    }
}

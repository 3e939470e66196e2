using MesoStream.Contracts.Models;
using MesoStream.Trainer.Benchmarking;
using MesoStream.Trainer.Tuning;
using MesoStream.Trainer.Workflow;

namespace MesoStream.Trainer.Tests;

/// <summary>The cheap retraining: the served choices of a comparison refitted on more rows, and when a comparison is due instead.</summary>
public sealed class RefitTests
{
    private static readonly string[] Targets = ["tau_x", "sigma_y"];

    private static readonly WorkflowOptions Options = new() { Seed = 4, Models = [ModelKind.Ridge, ModelKind.DecisionTree, ModelKind.GradientBoosting] };

    private static readonly Lazy<TrainingOutcome> Compared = new(() =>
        DatasetTraining.Run(SyntheticDataset.Create(240, seed: 2), Targets, Options, version: 5, createdUtc: DateTimeOffset.UnixEpoch));

    [Fact]
    public void ARefitKeepsEachTargetsModelSpaceAndFeaturesAndSaysWhichComparisonChoseThem()
    {
        var previous = Compared.Value.Artifact;
        var refit = DatasetTraining.Refit(SyntheticDataset.Create(300, seed: 2), previous, Options, version: 6, createdUtc: DateTimeOffset.UnixEpoch).Artifact;

        Assert.Equal(300, refit.DatasetRows);
        foreach (var (before, after) in previous.Targets.Zip(refit.Targets))
        {
            Assert.Equal(before.Target, after.Target);
            Assert.Equal(before.Model, after.Model);
            Assert.Equal(before.Transform, after.Transform);
            Assert.Equal(before.Features, after.Features);
            Assert.Equal(new ChoiceProvenance(5, 240), after.Report.ChoicesFrom);
            // Nothing was compared: the report holds the served model alone, still scored on inner CV and test rows.
            var served = Assert.Single(after.Report.Models);
            Assert.Equal(after.Model, served.Model);
            Assert.NotNull(served.SelectionR2);
            Assert.True(served.Metrics.TestR2 > 0.9, $"{after.Target}: {served.Metrics}");
            Assert.NotNull(after.Interval);
            Assert.Null(after.Report.TransformSelection);
        }

        // A refit of a refit still names the comparison, and the artifact survives the codec.
        var again = DatasetTraining.Refit(SyntheticDataset.Create(330, seed: 2), ModelArtifactCodec.Decode(ModelArtifactCodec.Encode(refit)), Options, 7, DateTimeOffset.UnixEpoch).Artifact;
        Assert.All(again.Targets, t => Assert.Equal(new ChoiceProvenance(5, 240), t.Report.ChoicesFrom));
    }

    [Fact]
    public void ChoicesThisBuildCannotReuseAreRefusedNamingTheTarget()
    {
        var previous = Compared.Value.Artifact;
        var target = previous.Targets[0];
        var served = target.Report.Models.Single(m => m.Model == target.Model);
        var foreignSettings = Synthetic.Rebuild(previous, target, new TargetModel
        {
            Target = target.Target,
            Model = target.Model,
            Features = target.Features,
            Predictor = target.Predictor,
            Transform = target.Transform,
            Report = target.Report with { Models = [served with { Settings = "raw, 4096 leaves, 3 trees" }] },
        });
        var error = Assert.Throws<StaleChoicesException>(() => DatasetTraining.Refit(SyntheticDataset.Create(260, seed: 2), foreignSettings, Options, 6, DateTimeOffset.UnixEpoch));
        Assert.Contains(target.Target, error.Message);

        var unknownFeature = Synthetic.Rebuild(previous, target, new TargetModel
        {
            Target = target.Target,
            Model = target.Model,
            Features = [.. target.Features.SkipLast(1), "no_such_feature"],
            Predictor = target.Predictor,
            Transform = target.Transform,
            Report = target.Report,
        });
        Assert.Contains("no_such_feature", Assert.Throws<StaleChoicesException>(() =>
            DatasetTraining.Refit(SyntheticDataset.Create(260, seed: 2), unknownFeature, Options, 6, DateTimeOffset.UnixEpoch)).Message);
    }

    [Fact]
    public void EveryGridPointIsFoundAgainFromItsSettingsText()
    {
        foreach (var kind in ModelCatalog.All)
        {
            foreach (var transform in new[] { TargetTransform.Identity, TargetTransform.Log })
            {
                foreach (var candidate in ModelGrid.For(kind, transform, seed: 1))
                {
                    int trees = candidate.EarlyStopped ? 137 : 0;
                    var found = ModelGrid.Find(kind, transform, 1, candidate.Describe(trees));
                    Assert.NotNull(found);
                    Assert.Equal((candidate.Kind, candidate.Transform, candidate.Settings), (found.Kind, found.Transform, found.Settings));
                }
            }
        }

        Assert.Null(ModelGrid.Find(ModelKind.Ridge, TargetTransform.Log, 1, "log, α 7"));
        Assert.Null(ModelGrid.Find(ModelKind.GradientBoosting, TargetTransform.Log, 1, "log, 8 leaves, min leaf 10, features 0.25, lr 0.1, many trees"));
    }

    [Fact]
    public void AComparisonIsDueFirstForOtherTargetsAndOnceTheDatasetHasGrownByTheFactor()
    {
        var compared = Compared.Value.Artifact;
        Assert.True(ComparisonSchedule.Due(null, 500, Targets, 1.5));
        Assert.False(ComparisonSchedule.Due(compared, 359, Targets, 1.5));
        Assert.True(ComparisonSchedule.Due(compared, 360, Targets, 1.5));
        Assert.True(ComparisonSchedule.Due(compared, 241, Targets, 1.0));
        Assert.True(ComparisonSchedule.Due(compared, 300, ["tau_x"], 1.5));

        // A refit counts growth from the comparison it came from, not from itself.
        var refit = DatasetTraining.Refit(SyntheticDataset.Create(330, seed: 2), compared, Options, 6, DateTimeOffset.UnixEpoch).Artifact;
        Assert.True(ComparisonSchedule.Due(refit, 360, Targets, 1.5));
        Assert.False(ComparisonSchedule.Due(refit, 350, Targets, 1.5));
    }
}

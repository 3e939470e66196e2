using MesoStream.Contracts.Models;
using MesoStream.Modelling.Serving;
using MesoStream.Trainer.Benchmarking;
using MesoStream.Trainer.Dataset;
using MesoStream.Trainer.Models;
using MesoStream.Trainer.Workflow;

namespace MesoStream.Trainer.Tests;

public sealed class PercolationTests
{
    /// <summary>Synthetic rows whose τx is +∞ where the solid fraction v_am + v_s exceeds 0.78 (the pore network breaks up).</summary>
    private static List<DatasetRecord> Blocked(int rows, int seed)
    {
        var records = SyntheticDataset.Create(rows, seed).ToList();
        foreach (var record in records.Where(r => r.ActiveFraction + r.BinderFraction > 0.78))
        {
            record.TauX = double.PositiveInfinity;
        }

        return records;
    }

    [Fact]
    public void LogisticRegressionSeparatesAThresholdInOneFeature()
    {
        var rows = Synthetic.Uniform(600, 3, seed: 1);
        var labels = rows.Select(x => x[0] + (0.5 * x[1]) < 0.8).ToArray();
        var model = new LogisticRegression();
        model.Fit(rows[..400], labels[..400]);
        var p = model.Probabilities(rows[400..]);
        double accuracy = p.Where((q, i) => (q >= 0.5) == labels[400 + i]).Count() / 200.0;
        Assert.True(accuracy > 0.95, $"accuracy {accuracy}");
    }

    [Fact]
    public void ANonPercolatingDesignIsAnsweredWithInfiniteTauAndItsProbability()
    {
        var records = Blocked(600, seed: 2);
        Assert.InRange(records.Count(r => double.IsInfinity(r.TauX)), 20, 300);
        var outcome = DatasetTraining.Run(records, ["tau_x"], new WorkflowOptions { Models = [ModelKind.Ridge] }, 1, DateTimeOffset.UnixEpoch);
        var tau = outcome.Artifact.Targets[0];

        Assert.NotNull(tau.Percolation);
        Assert.True(tau.Report.Percolation!.TestAccuracy > 0.9, tau.Report.Percolation.ToString());
        // Regressors train on percolating rows only.
        Assert.Equal(records.Count(r => double.IsInfinity(r.TauX)), tau.Report.NonFiniteTargets);

        var decoded = ModelArtifactCodec.Decode(ModelArtifactCodec.Encode(outcome.Artifact));
        var dense = records.First(r => r.ActiveFraction + r.BinderFraction > 0.85);
        var open = records.First(r => r.ActiveFraction + r.BinderFraction < 0.6);
        var blocked = decoded.Predict(dense.Descriptors());
        var percolating = decoded.Predict(open.Descriptors());
        Assert.Equal(double.PositiveInfinity, blocked.Properties["tau_x"]);
        Assert.True(blocked.Percolation["tau_x"] < 0.5);
        Assert.True(blocked.IsNonPercolating("tau_x"));
        Assert.True(double.IsFinite(percolating.Properties["tau_x"]));
        Assert.True(percolating.Percolation["tau_x"] > 0.5);
        var interval = percolating.Intervals["tau_x"];
        Assert.InRange(percolating.Properties["tau_x"], interval.Low, interval.High);
    }
}

using MesoStream.Modelling.Serving;
using MesoStream.Contracts.Models;
using System.IO.Compression;
using System.Text;
using MesoStream.Contracts.Messaging;
using MesoStream.Trainer.Benchmarking;
using MesoStream.Trainer.Reporting;
using MesoStream.Trainer.Workflow;

namespace MesoStream.Trainer.Tests;

public sealed class DatasetTrainingTests
{
    private static readonly string[] Targets = ["tau_x", "sigma_z", "a01"];

    private static readonly Lazy<TrainingOutcome> Outcome = new(() => DatasetTraining.Run(
        SyntheticDataset.Create(300, seed: 5),
        Targets,
        new WorkflowOptions { Seed = 9, Models = [ModelKind.Ridge, ModelKind.DecisionTree, ModelKind.GradientBoosting] },
        version: 3,
        createdUtc: new DateTimeOffset(2026, 11, 26, 0, 0, 0, TimeSpan.Zero)));

    [Fact]
    public void ServesTheBestInnerCrossValidationModelPerTargetAndRecordsTheDataset()
    {
        var artifact = Outcome.Value.Artifact;

        Assert.Equal(Targets, artifact.Targets.Select(t => t.Target));
        Assert.Equal(300, artifact.DatasetRows);
        Assert.Equal(Trainer.Dataset.TrainingDataset.ContentHashOf(SyntheticDataset.Create(300, seed: 5)), artifact.DatasetHash);
        foreach (var target in artifact.Targets)
        {
            // Chosen on the training rows only: the best inner-CV R², whatever the test rows say.
            var best = target.Report.Models.MaxBy(m => m.SelectionR2!.Value)!;
            Assert.Equal(best.Model, target.Model);
            Assert.Equal(best.Model, target.Report.Served);
            Assert.True(best.Metrics.TestR2 > 0.9, $"{target.Target}: {best.Metrics}");
            Assert.NotNull(target.Interval);
            Assert.InRange(target.Report.Coverage!.TestCoverage, 0.75, 1.0);
            Assert.Equal(target.Report.SelectedFeatures, target.Features);
        }
    }

    [Fact]
    public void DecodedArtifactPredictsBitForBitWhatTheTrainedModelsPredict()
    {
        var outcome = Outcome.Value;
        var decoded = ModelArtifactCodec.Decode(ModelArtifactCodec.Encode(outcome.Artifact));

        foreach (var row in SyntheticDataset.Create(20, seed: 99))
        {
            var expected = outcome.Artifact.Predict(row.Descriptors());
            var actual = decoded.Predict(row.Descriptors());
            Assert.Equal(expected.Properties, actual.Properties);
            Assert.Equal(3, actual.ModelVersion);
        }

        // The artifact's prediction on a test row is the served model's test prediction.
        var tau = outcome.Targets["tau_x"];
        Assert.Equal(tau.Served().TestPredictions.Length, tau.TestTruth.Length);
    }

    [Fact]
    public void DescriptorsOutsideTheTrainingRangesAreFlaggedAsExtrapolation()
    {
        var artifact = Outcome.Value.Artifact;
        var inside = artifact.DescriptorRanges.Select(r => 0.5 * (r.Min + r.Max)).ToArray();
        var outside = (double[])inside.Clone();
        outside[0] = artifact.DescriptorRanges[0].Max * 1.2;

        Assert.False(artifact.Predict(inside).Extrapolation);
        var flagged = artifact.Predict(outside);
        Assert.True(flagged.Extrapolation);
        Assert.Equal(["v_am"], flagged.OutOfRange);
    }

    [Fact]
    public void CorruptArtifactsAreRefusedNamingWhatIsWrong()
    {
        var bytes = ModelArtifactCodec.Encode(Outcome.Value.Artifact);
        var json = Encoding.UTF8.GetString(Gunzip(bytes));

        Assert.StartsWith("artifact", Assert.Throws<InvalidMessageException>(() => ModelArtifactCodec.Decode(bytes.AsSpan(0, bytes.Length / 2))).Errors[0].Field);
        Assert.Equal("artifact", Assert.Throws<InvalidMessageException>(() => ModelArtifactCodec.Decode("not gzip"u8)).Errors[0].Field);
        Assert.Equal("schema", Refused(json.Replace(ModelArtifact.SchemaId, "mesostream.model-artifact/9")).Field);
        var feature = Outcome.Value.Artifact.Targets[0].Features[0];
        Assert.Contains("unknown feature", Refused(json.Replace($"\"{feature}\"", "\"no-such-feature\"")).Message);
        Assert.Equal("artifact", Refused(json.Replace("\"version\":", "\"surprise\":1,\"version\":")).Field.Split('.')[0]);

        // Nulls where the artifact has values: once a predictor crash loop (NullReferenceException on every restart).
        var ranges = System.Text.RegularExpressions.Regex.Match(json, "\"descriptor_ranges\":\\[[^\\]]*\\]").Value;
        Assert.NotEmpty(ranges);
        Assert.Equal("artifact.descriptor_ranges", Refused(json.Replace(ranges, "\"descriptor_ranges\":null")).Field);
        Assert.Equal("descriptor_ranges", Refused(json.Replace(ranges, "\"descriptor_ranges\":[null]")).Field);
    }

    [Fact]
    public void RepeatedKFoldCrossValidationScoresEveryModelOnEveryFoldOfEveryRepeat()
    {
        var rows = Synthetic.Uniform(200, 4, 31);
        var target = Synthetic.Smooth(rows, 0.05, 32);
        var options = new WorkflowOptions { Models = [ModelKind.Ridge, ModelKind.DecisionTree], CrossValidationFolds = 5 };

        var scores = TargetWorkflow.Run(rows, ["a", "b", "c", "d"], target, options).CrossValidation!;

        Assert.Equal([ModelKind.Ridge, ModelKind.DecisionTree], scores.Select(s => s.Model));
        Assert.All(scores, s => Assert.Equal(5 * options.CrossValidationRepeats, s.FoldTestR2.Count));
        Assert.All(scores, s => Assert.True(s.MeanTestR2 > 0.7 && s.StdTestR2 < 0.2, s.ToString()));
    }

    [Fact]
    public void PlotsAreWrittenAsPngPerTarget()
    {
        var directory = Directory.CreateTempSubdirectory("mesostream-plots").FullName;
        Assert.True(PlotFont.Available, "the plots' font file was not copied next to the assembly: titles and labels would be blank");
        var files = TrainingPlots.Write(Outcome.Value, directory);

        Assert.Equal(Targets.Length * 4, files.Count);
        Assert.Contains("parity-tau_x.png", files);
        Assert.All(files, f => Assert.Equal([0x89, (byte)'P', (byte)'N', (byte)'G'], File.ReadAllBytes(Path.Combine(directory, f)).Take(4)));
        Directory.Delete(directory, recursive: true);
    }

    private static FieldError Refused(string json)
    {
        using var buffer = new MemoryStream();
        using (var gzip = new GZipStream(buffer, CompressionLevel.Fastest, leaveOpen: true))
        {
            gzip.Write(Encoding.UTF8.GetBytes(json));
        }

        return Assert.Throws<InvalidMessageException>(() => ModelArtifactCodec.Decode(buffer.ToArray())).Errors[0];
    }

    private static byte[] Gunzip(byte[] bytes)
    {
        using var gzip = new GZipStream(new MemoryStream(bytes), CompressionMode.Decompress);
        using var output = new MemoryStream();
        gzip.CopyTo(output);
        return output.ToArray();
    }
}

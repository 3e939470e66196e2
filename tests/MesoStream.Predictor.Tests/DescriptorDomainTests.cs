using MesoStream.Contracts.Vocabulary;
using MesoStream.Modelling.Featurization;
using MesoStream.Modelling.Serving;
using MesoStream.Contracts.Models;
using System.Text;
using System.Text.RegularExpressions;
using MesoStream.Contracts.Messaging;
using MesoStream.Contracts.Predictions;
using MesoStream.Predictor.Serving;
using MesoStream.Testing;
using MesoStream.Trainer.Benchmarking;
using MesoStream.Trainer.Dataset;
using MesoStream.Trainer.Workflow;

namespace MesoStream.Predictor.Tests;

/// <summary>
/// Why v_am = 1e-300 once answered nine NaNs, and the two guards against it: descriptor limits inside which every
/// feature is finite, and a refusal of any non-finite property before it is served.
/// </summary>
public sealed class DescriptorDomainTests
{
    private static readonly ModelArtifact Ridge = DatasetTraining.Run(SyntheticDataset.Create(30, seed: 9), DatasetColumns.Properties,
        new WorkflowOptions { Models = [ModelKind.Ridge] }, 1, DateTimeOffset.UtcNow).Artifact;

    private static double[] TrainingRow() => SyntheticDataset.Create(1, seed: 9)[0].Descriptors();

    [Fact]
    public void A_positive_but_tiny_descriptor_overflows_the_features_which_is_why_the_limits_have_floors()
    {
        var row = TrainingRow();
        row[0] = 1e-300;
        var features = Featurizer.Featurize(row);
        // 1/X³ = ∞ and X³ = 0: their product is NaN, and the models read it.
        Assert.Contains(features, f => double.IsNaN(f));
        Assert.All(Ridge.Predict(row).Properties.Values, p => Assert.False(double.IsFinite(p)));
    }

    [Fact]
    public void Every_feature_is_finite_at_every_corner_of_the_descriptor_limits()
    {
        var limits = Descriptors.All;
        for (var corner = 0; corner < 1 << limits.Count; corner++)
        {
            var row = limits.Select((l, d) => (corner >> d & 1) == 0 ? l.Min : l.Max).ToArray();
            Assert.All(Featurizer.Featurize(row), f => Assert.True(double.IsFinite(f), $"corner {corner}: a feature is {f}"));
        }
    }

    [Fact]
    public void The_floor_itself_is_answered_with_finite_numbers_and_below_it_the_row_is_refused_naming_the_range()
    {
        var row = TrainingRow();
        row[0] = Descriptors.MinFraction;
        var answer = PropertyPredictor.Predict(Ridge, PredictionInput.FromDescriptors("floor", row), "x");
        Assert.All(answer.Properties.Values, p => Assert.True(double.IsFinite(p)));
        Assert.Contains("v_am", answer.Validity.OutOfRange);

        var json = Encoding.UTF8.GetBytes(RequestParsingTests.Row.Replace("\"v_am\":0.6", "\"v_am\":1e-300", StringComparison.Ordinal));
        var error = Assert.Throws<InvalidMessageException>(() => PredictionRequestJson.ParseOne(json));
        Assert.Equal("v_am", Assert.Single(error.Errors).Field);
        Assert.Contains("1E-300 is outside the allowed range [7.45E-09, 1]", error.Errors[0].Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_model_that_overflows_is_refused_naming_the_property_on_one_row_and_in_a_batch()
    {
        var overflowing = WithEveryWeight(Ridge, 1e308);
        var row = PredictionInput.FromDescriptors("r", TrainingRow());

        var one = Assert.Throws<InvalidMessageException>(() => PropertyPredictor.Predict(overflowing, row, "x"));
        Assert.Equal("tau_x", Assert.Single(one.Errors).Field);
        Assert.Contains("a non-finite value is refused, not served", one.Errors[0].Message, StringComparison.Ordinal);

        var batch = Assert.Throws<InvalidMessageException>(() => PropertyPredictor.PredictAll(overflowing, [row, row]));
        Assert.Equal(["[0].tau_x", "[1].tau_x"], batch.Errors.Select(e => e.Field));
        Assert.Equal(2, PropertyPredictor.PredictAll(Ridge, [row, row]).Count);
    }

    /// <summary>The same artifact with every linear weight replaced: finite (the codec accepts it), but summing to ±∞.</summary>
    private static ModelArtifact WithEveryWeight(ModelArtifact model, double weight) =>
        ModelArtifactCodec.Decode(GzipJson.Rewrite(ModelArtifactCodec.Encode(model), json => Regex.Replace(json, "\"weights\":\\[([^\\]]*)\\]",
            m => "\"weights\":[" + string.Join(",", m.Groups[1].Value.Split(',').Select(_ => weight.ToString("R", System.Globalization.CultureInfo.InvariantCulture))) + "]")));
}

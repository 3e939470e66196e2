using MesoStream.Modelling.Serving;
using MesoStream.Contracts.Models;
using MesoStream.Contracts.Predictions;
using MesoStream.Predictor.Screening;
using MesoStream.Predictor.Serving;
using MesoStream.Trainer.Benchmarking;
using MesoStream.Trainer.Dataset;
using MesoStream.Trainer.Workflow;

namespace MesoStream.Predictor.Tests;

/// <summary>The model holder's swap rule, the prediction JSON's exactness and the Pareto front.</summary>
public sealed class ServingTests
{
    private static ModelArtifact Empty(int version) => new()
    {
        Version = version, CreatedUtc = DateTimeOffset.UnixEpoch, DatasetRows = 0, DatasetHash = "", Seed = 0, DescriptorRanges = [], Targets = [],
    };

    [Fact]
    public async Task The_holder_moves_only_forward_and_releases_waiters_on_the_first_model()
    {
        var holder = new ModelHolder();
        var waiting = holder.WaitForFirstAsync(CancellationToken.None);
        Assert.False(waiting.IsCompleted);
        Assert.True(holder.Offer(Empty(2)));
        await waiting.WaitAsync(TimeSpan.FromSeconds(5));
        Assert.False(holder.Offer(Empty(2)));
        Assert.False(holder.Offer(Empty(1)));
        Assert.True(holder.Offer(Empty(3)));
        Assert.Equal(3, holder.Current!.Version);
    }

    [Fact]
    public void A_prediction_survives_its_json_bit_for_bit_and_is_flagged_outside_the_training_ranges()
    {
        var rows = SyntheticDataset.Create(30, seed: 8);
        var model = DatasetTraining.Run(rows, DatasetColumns.Properties, new WorkflowOptions { Models = [ModelKind.Ridge] }, 4, DateTimeOffset.UtcNow).Artifact;
        var descriptors = rows[0].Descriptors();
        descriptors[9] = 900; // a1 far outside the training rows

        var result = PropertyPredictor.Predict(model, PredictionInput.FromDescriptors(null, descriptors), "fallback");
        var decoded = PredictionJson.Decode(PredictionJson.Encode(result));

        Assert.Equal("fallback", decoded.Id);
        Assert.Equal(4, decoded.ModelVersion);
        Assert.Equal(model.Predict(descriptors).Properties, decoded.Properties);
        Assert.Equal(DatasetColumns.Properties, decoded.Properties.Keys);
        Assert.True(decoded.Validity.Extrapolation);
        Assert.Contains("a1", decoded.Validity.OutOfRange);
    }

    [Fact]
    public void The_pareto_front_keeps_exactly_the_designs_no_other_beats_on_both_low_tau_and_high_sigma()
    {
        ScreeningPoint P(string id, double tau, double sigma) => new(id, tau, sigma);
        var points = new[]
        {
            P("a", 1.0, 0.2), P("b", 2.0, 0.5), P("c", 2.5, 0.4), P("d", 3.0, 0.9), P("e", 1.0, 0.1), P("f", double.PositiveInfinity, 1.0), P("g", 3.0, 0.9),
        };
        Assert.Equal(["a", "b", "d"], ParetoFront.Of(points).Select(p => p.Id));
    }
}

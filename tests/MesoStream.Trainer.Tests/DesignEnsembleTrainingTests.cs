using MesoStream.Contracts.Messaging;
using MesoStream.Contracts.Models;
using MesoStream.Contracts.Vocabulary;
using MesoStream.Trainer.Benchmarking;
using MesoStream.Trainer.Workflow;

namespace MesoStream.Trainer.Tests;

/// <summary>The bootstrap ensemble over spec-determined descriptors that the active-learning planner scores candidates with.</summary>
public sealed class DesignEnsembleTrainingTests
{
    private static readonly int ActiveFraction = Descriptors.SpecDetermined.ToList().IndexOf(DescriptorId.ActiveMaterialFraction);

    /// <summary>Rows whose target is smooth in v_am below 0.6 and scattered by ±50 % above it: the ensemble should be unsure up there.</summary>
    private static (List<double[]> Descriptors, List<double> Values) NoisyAbove(double split, int rows, int seed)
    {
        var random = new Random(seed);
        var records = SyntheticDataset.Create(rows, seed);
        var descriptors = records.Select(r => r.Descriptors()).ToList();
        var values = records.Select(r => 2 + r.ActiveFraction * (r.ActiveFraction > split ? 1 + (random.NextDouble() - 0.5) : 1)).ToList();
        return (descriptors, values);
    }

    [Fact]
    public void The_trees_disagree_where_the_data_scatter_and_agree_where_it_is_smooth()
    {
        var (descriptors, values) = NoisyAbove(0.6, 300, seed: 3);
        var ensemble = DesignEnsembleTraining.Train(descriptors, values, seed: 1)!;

        double Spread(double activeFraction)
        {
            var x = Descriptors.SpecDetermined.Select(d => descriptors[0][(int)d - 1]).ToArray();
            x[ActiveFraction] = activeFraction;
            var predictions = ensemble.Trees.Select(t => Predict(t, x)).ToArray();
            double mean = predictions.Average();
            return Math.Sqrt(predictions.Sum(p => (p - mean) * (p - mean)) / (predictions.Length - 1));
        }

        Assert.Equal(DesignEnsembleTraining.Trees, ensemble.Trees.Length);
        Assert.Equal(DesignEnsemble.ExpectedDescriptors, ensemble.Descriptors);
        Assert.True(Spread(0.75) > 3 * Spread(0.5), $"spread at v_am 0.75: {Spread(0.75):G3}, at 0.5: {Spread(0.5):G3}");
        Assert.Empty(ensemble.Problems());
    }

    [Fact]
    public void Learns_in_ln_space_when_every_value_is_positive_leaves_out_non_finite_rows_and_is_deterministic()
    {
        var (descriptors, values) = NoisyAbove(0.6, 60, seed: 4);
        values[0] = double.PositiveInfinity;
        var ensemble = DesignEnsembleTraining.Train(descriptors, values, seed: 9)!;
        var again = DesignEnsembleTraining.Train(descriptors, values, seed: 9)!;
        var otherSeed = DesignEnsembleTraining.Train(descriptors, values, seed: 10)!;

        Assert.Equal(TargetTransform.Log, ensemble.Space);
        Assert.Equal(59, ensemble.Rows);
        var logs = values.Skip(1).Select(v => Math.Log(v)).ToArray();
        double mean = logs.Average();
        Assert.Equal(Math.Sqrt(logs.Sum(v => (v - mean) * (v - mean)) / (logs.Length - 1)), ensemble.TargetSpread, 12);
        Assert.Equal(ensemble.Trees.Select(t => t.Value.Sum()), again.Trees.Select(t => t.Value.Sum()));
        Assert.NotEqual(ensemble.Trees.Select(t => t.Value.Sum()), otherSeed.Trees.Select(t => t.Value.Sum()));

        values[1] = 0;
        Assert.Equal(TargetTransform.Identity, DesignEnsembleTraining.Train(descriptors, values, seed: 9)!.Space);
        Assert.Null(DesignEnsembleTraining.Train(descriptors.Take(DesignEnsembleTraining.MinimumRows).ToList(), values.Take(DesignEnsembleTraining.MinimumRows).ToList(), seed: 9));
    }

    [Fact]
    public void Every_target_of_a_trained_artifact_carries_one_and_the_codec_refuses_a_malformed_one_naming_the_field()
    {
        var artifact = DatasetTraining.Run(SyntheticDataset.Create(60, seed: 8), ["tau_x", "sigma_z"], new WorkflowOptions { Models = [ModelKind.Ridge] },
            version: 1, createdUtc: DateTimeOffset.UnixEpoch).Artifact;
        var decoded = ModelArtifactCodec.Decode(ModelArtifactCodec.Encode(artifact));
        Assert.All(decoded.Targets, t => Assert.Equal(DesignEnsembleTraining.Trees, t.Design!.Trees.Length));
        Assert.Equal(artifact.Targets[0].Design!.Trees[5].Threshold, decoded.Targets[0].Design!.Trees[5].Threshold);

        var design = artifact.Targets[1].Design!;
        var forged = Synthetic.Rebuild(artifact, artifact.Targets[1], new TargetModel
        {
            Target = artifact.Targets[1].Target,
            Model = artifact.Targets[1].Model,
            Features = artifact.Targets[1].Features,
            Predictor = artifact.Targets[1].Predictor,
            Report = artifact.Targets[1].Report,
            Design = new DesignEnsemble { Descriptors = ["v_am"], Trees = design.Trees, Space = design.Space, TargetSpread = design.TargetSpread, Rows = design.Rows },
        });
        var error = Assert.Throws<InvalidMessageException>(() => ModelArtifactCodec.Decode(ModelArtifactCodec.Encode(forged)));
        Assert.Contains(error.Errors, e => e.Field == "targets[1].design" && e.Message.Contains("v_am, v_s, omega", StringComparison.Ordinal));
    }

    private static double Predict(RegressionTreeNodes tree, double[] x)
    {
        int node = 0;
        while (tree.Feature[node] >= 0)
        {
            node = x[tree.Feature[node]] <= tree.Threshold[node] ? tree.Left[node] : tree.Right[node];
        }

        return tree.Value[node];
    }
}

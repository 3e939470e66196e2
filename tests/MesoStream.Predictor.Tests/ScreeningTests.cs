using MesoStream.Cli.Rendering;
using MesoStream.Contracts.Models;
using MesoStream.Contracts.Specs;
using MesoStream.Generator.Campaigns;
using MesoStream.Predictor.Screening;
using MesoStream.Trainer.Benchmarking;
using MesoStream.Trainer.Dataset;
using MesoStream.Trainer.Workflow;

namespace MesoStream.Predictor.Tests;

/// <summary>Screening sampled designs end to end (generate, describe, predict) without a solver.</summary>
public sealed class ScreeningTests
{
    [Fact]
    public void Every_candidate_is_predicted_and_the_front_is_the_non_dominated_subset_written_as_a_png()
    {
        var model = DatasetTraining.Run(SyntheticDataset.Create(30, seed: 6), DatasetColumns.Properties,
            new WorkflowOptions { Models = [ModelKind.Ridge] }, 1, DateTimeOffset.UtcNow).Artifact;
        var candidates = CampaignSampler.Sample(6, 2, SamplingDesign.Sobol, new GridSpec(24, 24, 24, 1.0), "test");

        var outcome = CandidateScreening.Run(model, candidates, TransportDirection.Z);

        Assert.Equal(candidates.Select(c => c.Id), outcome.Predictions.Select(p => p.Id));
        Assert.Equal(outcome.Predictions.Select(p => p.Properties["tau_z"]), outcome.Points.Select(p => p.Tortuosity));
        Assert.NotEmpty(outcome.Front);
        Assert.All(outcome.Front, f => Assert.DoesNotContain(outcome.Points,
            p => p.Tortuosity <= f.Tortuosity && p.Conductivity >= f.Conductivity && (p.Tortuosity < f.Tortuosity || p.Conductivity > f.Conductivity)));

        var png = Path.Combine(Directory.CreateTempSubdirectory("mesostream-screen").FullName, "pareto.png");
        ScreeningPlot.Write(outcome.Points, outcome.Front, png, "test");
        Assert.Equal([0x89, (byte)'P', (byte)'N', (byte)'G'], File.ReadAllBytes(png).Take(4));
        Directory.Delete(Path.GetDirectoryName(png)!, recursive: true);
    }
}

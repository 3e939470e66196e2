using MesoStream.Contracts.Models;
using MesoStream.Trainer.Service;
using MesoStream.Trainer.Workflow;
using Microsoft.Extensions.Configuration;

namespace MesoStream.Services.Tests;

/// <summary>The trainer's typed options (how <c>up</c> starts its trainer) survive the trip through its command line.</summary>
public sealed class TrainerOptionsTests
{
    [Fact]
    public void Options_written_as_arguments_read_back_the_same()
    {
        var options = new TrainerOptions
        {
            DataDirectory = "/run/trainer-data",
            RetrainEvery = 200,
            MinimumRows = 200,
            Models = [ModelKind.Lasso, ModelKind.GradientBoosting],
            Seed = 7,
            CompareGrowth = 2.5,
            LearningCurveSeeds = 3,
            Plots = false,
        };

        var read = TrainerOptions.From(new ConfigurationBuilder().AddCommandLine([.. options.ToArguments()]).Build());

        Assert.Equal(options.DataDirectory, read.DataDirectory);
        Assert.Equal(options.RetrainEvery, read.RetrainEvery);
        Assert.Equal(options.MinimumRows, read.MinimumRows);
        Assert.Equal(options.Models, read.Models);
        Assert.Equal(options.Seed, read.Seed);
        Assert.Equal(options.CompareGrowth, read.CompareGrowth);
        Assert.Equal(options.LearningCurveSeeds, read.LearningCurveSeeds);
        Assert.False(read.Plots);
        Assert.Throws<InvalidOperationException>(() => (options with { ArtifactKey = [1, 2] }).ToArguments());
    }

    [Theory]
    [InlineData("0.5")]
    [InlineData("NaN")]
    [InlineData("fast")]
    public void A_compare_growth_below_one_or_not_a_number_is_refused_naming_the_option(string value)
    {
        var error = Assert.Throws<ArgumentException>(() => TrainerOptions.From(new ConfigurationBuilder().AddCommandLine(["--compare-growth", value]).Build()));
        Assert.Contains("--compare-growth must be a finite number ≥ 1", error.Message);
    }
}

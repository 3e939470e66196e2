using MesoStream.Contracts.Models;
using System.Globalization;
using MesoStream.Infra.Hosting;
using MesoStream.Trainer.Dataset;
using MesoStream.Trainer.Workflow;
using Microsoft.Extensions.Configuration;

namespace MesoStream.Trainer.Service;

/// <summary>The trainer's own command-line options (beyond the shared service options).</summary>
public sealed record TrainerOptions
{
    public static IReadOnlyList<(string Name, string Help)> Help { get; } =
    [
        ("data", "DIR         dataset.parquet and models/vNNNN/ live here; a restart resumes from it (default ./trainer-data)"),
        ("retrain-every", "N  retrain after every N new structures (default 50)"),
        ("min-rows", "N       do not train before the dataset holds N structures (default 20, at least 10)"),
        ("models", "LIST        models to fit, comma-separated (default: all seven)"),
        ("seed", "S             seed of the split and the stochastic models (default 42)"),
        ("compare-growth", "X  compare all models afresh once the dataset has grown X-fold since the last comparison; retrainings between only refit the served models (default 1.5; 1 = compare every time)"),
        ("learning-curve", "SEEDS  with each comparison, measure the served models' test R² at 10–100 % of the rows over SEEDS split seeds (default 0: skip)"),
        ("no-plots", "true      skip the PNG figures of each model version"),
        ("artifact-key-file", "PATH  sign every published artifact with HMAC-SHA256 under the key in PATH (predictors given the same file serve only signed artifacts)"),
    ];

    public string DataDirectory { get; init; } = "trainer-data";
    public int RetrainEvery { get; init; } = 50;
    public int MinimumRows { get; init; } = 20;
    public IReadOnlyList<ModelKind> Models { get; init; } = ModelCatalog.All;
    public IReadOnlyList<string> Targets { get; init; } = DatasetColumns.Properties;
    public int Seed { get; init; } = 42;
    public double CompareGrowth { get; init; } = ComparisonSchedule.DefaultGrowth;
    public int LearningCurveSeeds { get; init; }
    public bool Plots { get; init; } = true;

    /// <summary>The key artifacts are signed with (<see cref="Serving.ArtifactSignature"/>); null: published unsigned.</summary>
    public byte[]? ArtifactKey { get; init; }

    public string ModelsDirectory => Path.Combine(DataDirectory, "models");

    /// <summary>
    /// The command line <see cref="From"/> reads back into these options (how <c>mesostream up</c> starts its trainer).
    /// The artifact key travels only as a file (<c>--artifact-key-file</c>), never on a command line, so it is refused here.
    /// </summary>
    public IReadOnlyList<string> ToArguments()
    {
        if (ArtifactKey is not null)
        {
            throw new InvalidOperationException("the artifact key is passed as --artifact-key-file PATH, not on the command line");
        }

        if (!Targets.SequenceEqual(DatasetColumns.Properties))
        {
            throw new InvalidOperationException("the trainer's command line has no option for the targets: it trains every property");
        }

        return
        [
            "--data", DataDirectory,
            "--retrain-every", RetrainEvery.ToString(CultureInfo.InvariantCulture),
            "--min-rows", MinimumRows.ToString(CultureInfo.InvariantCulture),
            "--models", string.Join(",", Models).ToLowerInvariant(),
            "--seed", Seed.ToString(CultureInfo.InvariantCulture),
            "--compare-growth", CompareGrowth.ToString("R", CultureInfo.InvariantCulture),
            "--learning-curve", LearningCurveSeeds.ToString(CultureInfo.InvariantCulture),
            .. Plots ? Array.Empty<string>() : ["--no-plots", "true"],
        ];
    }

    private static double Growth(string? text)
    {
        if (text is null)
        {
            return ComparisonSchedule.DefaultGrowth;
        }

        return double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var growth) && growth >= 1 && double.IsFinite(growth)
            ? growth
            : throw new ArgumentException($"--compare-growth must be a finite number ≥ 1, got \"{text}\"");
    }

    /// <summary>Reads the options; a bad value throws <see cref="ArgumentException"/> naming the option and what is allowed.</summary>
    public static TrainerOptions From(IConfiguration config)
    {
        int Int(string key, int fallback, int minimum)
        {
            var text = config[key];
            if (text is null)
            {
                return fallback;
            }

            return int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) && value >= minimum
                ? value
                : throw new ArgumentException($"--{key} must be an integer ≥ {minimum}, got \"{text}\"");
        }

        return new TrainerOptions
        {
            DataDirectory = config["data"] ?? "trainer-data",
            RetrainEvery = Int("retrain-every", 50, 1),
            MinimumRows = Int("min-rows", 20, DatasetTraining.MinimumRows),
            Models = ModelCatalog.Parse(config["models"]),
            Seed = Int("seed", 42, 0),
            CompareGrowth = Growth(config["compare-growth"]),
            LearningCurveSeeds = Int("learning-curve", 0, 0),
            Plots = config["no-plots"] is not { } noPlots || !bool.Parse(noPlots),
            ArtifactKey = config["artifact-key-file"] is { } keyFile ? KeyFile.Read(keyFile, "artifact-key-file") : null,
        };
    }
}

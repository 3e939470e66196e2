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
        ("no-plots", "true      skip the PNG figures of each model version"),
        ("artifact-key-file", "PATH  sign every published artifact with HMAC-SHA256 under the key in PATH (predictors given the same file serve only signed artifacts)"),
    ];

    public string DataDirectory { get; init; } = "trainer-data";
    public int RetrainEvery { get; init; } = 50;
    public int MinimumRows { get; init; } = 20;
    public IReadOnlyList<ModelKind> Models { get; init; } = ModelCatalog.All;
    public IReadOnlyList<string> Targets { get; init; } = DatasetColumns.Properties;
    public int Seed { get; init; } = 42;
    public bool Plots { get; init; } = true;

    /// <summary>The key artifacts are signed with (<see cref="Serving.ArtifactSignature"/>); null: published unsigned.</summary>
    public byte[]? ArtifactKey { get; init; }

    public string ModelsDirectory => Path.Combine(DataDirectory, "models");

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
            Plots = config["no-plots"] is not { } noPlots || !bool.Parse(noPlots),
            ArtifactKey = config["artifact-key-file"] is { } keyFile ? KeyFile.Read(keyFile, "artifact-key-file") : null,
        };
    }
}

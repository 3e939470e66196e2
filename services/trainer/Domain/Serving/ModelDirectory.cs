using System.Text.Json;
using System.Text.Json.Serialization;
using MesoStream.Contracts.Messaging;
using MesoStream.Trainer.Reporting;
using MesoStream.Trainer.Workflow;

namespace MesoStream.Trainer.Serving;

/// <summary>
/// A model directory, as written by <c>mesostream train</c> and by the trainer service for each version:
/// <c>model.json.gz</c> (the <see cref="ModelArtifact"/>, exactly the bytes of the model-trained event),
/// <c>metrics.json</c> (what a person or a notebook reads) and the PNG figures of <see cref="TrainingPlots"/>.
/// </summary>
public static class ModelDirectory
{
    public const string ArtifactFile = "model.json.gz";
    public const string MetricsFile = "metrics.json";

    private static readonly JsonSerializerOptions MetricsJson = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
        WriteIndented = true,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.KebabCaseLower) },
    };

    /// <summary>Writes the artifact, the metrics and the figures; the artifact last and by rename, so a reader never sees half of it.</summary>
    public static IReadOnlyList<string> Write(TrainingOutcome outcome, string directory, bool plots = true)
    {
        Directory.CreateDirectory(directory);
        var artifact = outcome.Artifact;
        var metrics = new
        {
            artifact.Version,
            artifact.CreatedUtc,
            artifact.DatasetRows,
            UsableRows = outcome.Rows,
            outcome.Unfeaturizable,
            artifact.DatasetHash,
            artifact.Seed,
            Served = artifact.Targets.ToDictionary(t => t.Target, t => t.Model),
            Targets = artifact.Targets.ToDictionary(t => t.Target, t => t.Report),
        };
        File.WriteAllText(Path.Combine(directory, MetricsFile), JsonSerializer.Serialize(metrics, MetricsJson));
        var written = new List<string> { MetricsFile };
        if (plots)
        {
            written.AddRange(TrainingPlots.Write(outcome, directory));
        }

        var path = Path.Combine(directory, ArtifactFile);
        File.WriteAllBytes(path + ".tmp", ModelArtifactCodec.Encode(artifact));
        File.Move(path + ".tmp", path, overwrite: true);
        written.Add(ArtifactFile);
        return written;
    }

    /// <summary>Loads the artifact of a model directory (or a <c>model.json.gz</c> path); a corrupt one throws <see cref="InvalidMessageException"/>.</summary>
    public static ModelArtifact Read(string path)
    {
        var file = Directory.Exists(path) ? Path.Combine(path, ArtifactFile) : path;
        if (!File.Exists(file))
        {
            throw new FileNotFoundException($"{path}: no model artifact ({ArtifactFile}) there", file);
        }

        return ModelArtifactCodec.Decode(File.ReadAllBytes(file));
    }
}

using System.Text.Json;
using System.Text.Json.Serialization;
using MesoStream.Contracts.Models;
using MesoStream.Modelling.Serving;
using MesoStream.Trainer.Reporting;
using MesoStream.Trainer.Workflow;

namespace MesoStream.Trainer.Workflow;

/// <summary>
/// A model directory, as written by <c>mesostream train</c> and by the trainer service for each version:
/// <c>model.json.gz</c> (the <see cref="ModelArtifact"/>, exactly the bytes of the model-trained event),
/// <c>metrics.json</c> (what a person or a notebook reads) and the PNG figures of <see cref="TrainingPlots"/>.
/// </summary>
public static class ModelDirectory
{
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

        var path = Path.Combine(directory, ModelArtifactFile.Name);
        File.WriteAllBytes(path + ".tmp", ModelArtifactCodec.Encode(artifact));
        File.Move(path + ".tmp", path, overwrite: true);
        written.Add(ModelArtifactFile.Name);
        return written;
    }
}

using MesoStream.Contracts.Models;
using MesoStream.Modelling.Serving;

namespace MesoStream.Predictor.Serving;

/// <summary>The served model of one target: which kind, how many features it reads, its test R² in training.</summary>
public sealed record TargetSummary(string Target, string Model, int Features, double TestR2);

/// <summary>What <c>GET /models/current</c> says about the model being served (the artifact less its coefficients).</summary>
public sealed record ModelSummary(
    int Version,
    DateTimeOffset CreatedUtc,
    int DatasetRows,
    string DatasetHash,
    IReadOnlyList<TargetSummary> Targets,
    IReadOnlyList<DescriptorRange> DescriptorRanges)
{
    public static ModelSummary Of(ModelArtifact model) => new(
        model.Version,
        model.CreatedUtc,
        model.DatasetRows,
        model.DatasetHash,
        [.. model.Targets.Select(t => new TargetSummary(t.Target, t.Model.ToString().ToLowerInvariant(), t.Features.Count,
            t.Report.Models.First(m => m.Model == t.Model).Metrics.TestR2))],
        model.DescriptorRanges);
}

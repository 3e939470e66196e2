namespace MesoStream.Contracts.Models;

/// <summary>
/// One trained model version, self-contained: what it was trained on (dataset size and content hash, seed), the
/// descriptor ranges of the training rows, and per target the served model with its training report. It is the value
/// of a model-trained event (<see cref="ModelArtifactCodec"/>) and the <c>model.json.gz</c> of a model directory, so a
/// predictor on another machine needs nothing else. This is the wire format only: MesoStream.Modelling's
/// <c>ArtifactPrediction</c> evaluates it.
/// </summary>
public sealed class ModelArtifact
{
    public const string SchemaId = "mesostream.model-artifact/5";

    public string Schema { get; init; } = SchemaId;

    public required int Version { get; init; }

    public required DateTimeOffset CreatedUtc { get; init; }

    public required int DatasetRows { get; init; }

    public required string DatasetHash { get; init; }

    public required int Seed { get; init; }

    /// <summary>The eleven descriptors' ranges over the training rows, in D1…D11 order.</summary>
    public required IReadOnlyList<DescriptorRange> DescriptorRanges { get; init; }

    public required IReadOnlyList<TargetModel> Targets { get; init; }
}

using MesoStream.Descriptor.Features;

namespace MesoStream.Trainer.Serving;

/// <summary>
/// One trained model version, self-contained: what it was trained on (dataset size and content hash, seed), the
/// descriptor ranges of the training rows, and per target the served model with its workflow report. It is the value
/// of a model-trained event (<see cref="ModelArtifactCodec"/>) and the <c>model.json.gz</c> of a model directory, so a
/// predictor on another machine needs nothing else.
/// </summary>
public sealed class ModelArtifact
{
    public const string SchemaId = "mesostream.model-artifact/1";

    [ThreadStatic]
    private static double[]? _featureBuffer;

    [ThreadStatic]
    private static double[]? _selectedBuffer;

    public string Schema { get; init; } = SchemaId;

    public required int Version { get; init; }

    public required DateTimeOffset CreatedUtc { get; init; }

    public required int DatasetRows { get; init; }

    public required string DatasetHash { get; init; }

    public required int Seed { get; init; }

    /// <summary>The eleven descriptors' ranges over the training rows, in D1…D11 order.</summary>
    public required IReadOnlyList<DescriptorRange> DescriptorRanges { get; init; }

    public required IReadOnlyList<TargetModel> Targets { get; init; }

    /// <summary>
    /// Predicts every target from the eleven descriptors (D1…D11 order). Featurizes once into a per-thread buffer and
    /// gathers each target's columns, so a call allocates only its result. A descriptor that cannot be featurized
    /// (≤ 0, NaN) throws <see cref="InvalidDescriptorException"/> naming it.
    /// </summary>
    public Prediction Predict(ReadOnlySpan<double> descriptors)
    {
        var features = _featureBuffer ??= new double[Featurizer.FeatureCount];
        Featurizer.Featurize(descriptors, features);
        var selected = _selectedBuffer ??= new double[Featurizer.FeatureCount];

        var properties = new Dictionary<string, double>(Targets.Count, StringComparer.Ordinal);
        foreach (var target in Targets)
        {
            var columns = target.FeatureColumns;
            for (int j = 0; j < columns.Length; j++)
            {
                selected[j] = features[columns[j]];
            }

            properties[target.Target] = target.Predictor.Predict(selected.AsSpan(0, columns.Length));
        }

        List<string>? outside = null;
        for (int d = 0; d < DescriptorRanges.Count; d++)
        {
            if (!DescriptorRanges[d].Contains(descriptors[d]))
            {
                (outside ??= []).Add(DescriptorRanges[d].Descriptor);
            }
        }

        return new Prediction(Version, properties, outside ?? (IReadOnlyList<string>)[]);
    }
}

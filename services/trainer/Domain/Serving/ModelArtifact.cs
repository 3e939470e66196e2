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
    private static PredictionWorkspace? _workspace;

    private int? _maxFeatures;

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
    /// Predicts every target from the eleven descriptors (D1…D11 order): a block of one row, so a row alone and in a
    /// batch (<see cref="Predict(IReadOnlyList{double[]})"/>) get the same bits. A descriptor that cannot be
    /// featurized (≤ 0, NaN) throws <see cref="InvalidDescriptorException"/> naming it.
    /// </summary>
    public Prediction Predict(ReadOnlySpan<double> descriptors)
    {
        var workspace = Workspace();
        workspace.SetBaseFeatures(0, descriptors);
        var properties = new Dictionary<string, double>[1];
        PredictBlock(workspace, properties);
        return new Prediction(Version, properties[0], OutOfRange(descriptors));
    }

    /// <summary>
    /// Predicts many rows on the calling thread, <see cref="FeatureBlock.Capacity"/> at a time: each target's
    /// selected features are multiplied out of the 99 base features (never the full 4950) and its model walks the
    /// whole block at once. Throws <see cref="InvalidDescriptorException"/> for the first row that cannot be featurized.
    /// </summary>
    public Prediction[] Predict(IReadOnlyList<double[]> descriptorRows)
    {
        var predictions = new Prediction[descriptorRows.Count];
        var workspace = Workspace();
        var properties = new Dictionary<string, double>[FeatureBlock.Capacity];
        for (int start = 0; start < descriptorRows.Count; start += FeatureBlock.Capacity)
        {
            int count = Math.Min(FeatureBlock.Capacity, descriptorRows.Count - start);
            for (int r = 0; r < count; r++)
            {
                workspace.SetBaseFeatures(r, descriptorRows[start + r]);
            }

            PredictBlock(workspace, properties.AsSpan(0, count));
            for (int r = 0; r < count; r++)
            {
                predictions[start + r] = new Prediction(Version, properties[r], OutOfRange(descriptorRows[start + r]));
            }
        }

        return predictions;
    }

    private PredictionWorkspace Workspace()
    {
        int features = _maxFeatures ??= Targets.Count == 0 ? 0 : Targets.Max(t => t.FeatureColumns.Length);
        if (_workspace is not { } workspace || workspace.Block.MaxFeatures < features)
        {
            _workspace = workspace = new PredictionWorkspace(features);
        }

        return workspace;
    }

    /// <summary>Fills one dictionary per row (as many as <paramref name="properties"/> holds) from the workspace's base features.</summary>
    private void PredictBlock(PredictionWorkspace workspace, Span<Dictionary<string, double>> properties)
    {
        for (int r = 0; r < properties.Length; r++)
        {
            properties[r] = new Dictionary<string, double>(Targets.Count, StringComparer.Ordinal);
        }

        var output = workspace.Output.AsSpan(0, properties.Length);
        foreach (var target in Targets)
        {
            workspace.Block.Fill(workspace.BaseFeatures, properties.Length,
                target.LeftBaseFeatures, target.RightBaseFeatures, target.Predictor.BlockPrecision);
            target.Predictor.PredictBlock(workspace.Block, output);
            for (int r = 0; r < properties.Length; r++)
            {
                properties[r][target.Target] = output[r];
            }
        }
    }

    private IReadOnlyList<string> OutOfRange(ReadOnlySpan<double> descriptors)
    {
        List<string>? outside = null;
        for (int d = 0; d < DescriptorRanges.Count; d++)
        {
            if (!DescriptorRanges[d].Contains(descriptors[d]))
            {
                (outside ??= []).Add(DescriptorRanges[d].Descriptor);
            }
        }

        return outside ?? (IReadOnlyList<string>)[];
    }

    /// <summary>Per-thread buffers of a prediction: the block's base features (feature-major), its feature block and one target's outputs.</summary>
    private sealed class PredictionWorkspace(int maxFeatures)
    {
        private readonly double[] _row = new double[Featurizer.BaseFeatureCount];

        public double[] BaseFeatures { get; } = new double[FeatureBlock.Capacity * Featurizer.BaseFeatureCount];

        public void SetBaseFeatures(int row, ReadOnlySpan<double> descriptors)
        {
            Featurizer.BaseFeatures(descriptors, _row);
            for (int k = 0; k < _row.Length; k++)
            {
                BaseFeatures[(k * FeatureBlock.Capacity) + row] = _row[k];
            }
        }

        public FeatureBlock Block { get; } = new(maxFeatures);

        public double[] Output { get; } = new double[FeatureBlock.Capacity];
    }
}

using System.Runtime.CompilerServices;
using MesoStream.Contracts.Models;
using MesoStream.Contracts.Vocabulary;
using MesoStream.Modelling.Featurization;

namespace MesoStream.Modelling.Serving;

/// <summary>
/// Prediction from a <see cref="ModelArtifact"/>: every target from the eleven descriptors (D1…D11 order). Each
/// target's selected features are multiplied out of the 99 base features (never the full 4950) and its model walks a
/// whole <see cref="FeatureBlock"/> of rows at once. The compiled form of an artifact (block evaluators, base-feature
/// pairs) is built on first use and kept as long as the artifact lives.
/// </summary>
public static class ArtifactPrediction
{
    private static readonly ConditionalWeakTable<ModelArtifact, CompiledArtifact> Compiled = [];

    [ThreadStatic]
    private static PredictionWorkspace? _workspace;

    /// <summary>
    /// One row, as a block of one, so a row alone and in a batch (<see cref="Predict(ModelArtifact, IReadOnlyList{double[]})"/>)
    /// get the same bits. A descriptor that cannot be featurized (≤ 0, NaN) throws <see cref="InvalidDescriptorException"/> naming it.
    /// </summary>
    public static Prediction Predict(this ModelArtifact artifact, ReadOnlySpan<double> descriptors)
    {
        var compiled = Compile(artifact);
        var workspace = Workspace(compiled.MaxFeatures);
        workspace.SetBaseFeatures(0, descriptors);
        var properties = new Dictionary<string, double>[1];
        compiled.PredictBlock(workspace, properties);
        return new Prediction(artifact.Version, properties[0], OutOfRange(artifact, descriptors));
    }

    /// <summary>
    /// Many rows on the calling thread, <see cref="FeatureBlock.Capacity"/> at a time. Throws
    /// <see cref="InvalidDescriptorException"/> for the first row that cannot be featurized.
    /// </summary>
    public static Prediction[] Predict(this ModelArtifact artifact, IReadOnlyList<double[]> descriptorRows)
    {
        var compiled = Compile(artifact);
        var predictions = new Prediction[descriptorRows.Count];
        var workspace = Workspace(compiled.MaxFeatures);
        var properties = new Dictionary<string, double>[FeatureBlock.Capacity];
        for (int start = 0; start < descriptorRows.Count; start += FeatureBlock.Capacity)
        {
            int count = Math.Min(FeatureBlock.Capacity, descriptorRows.Count - start);
            for (int r = 0; r < count; r++)
            {
                workspace.SetBaseFeatures(r, descriptorRows[start + r]);
            }

            compiled.PredictBlock(workspace, properties.AsSpan(0, count));
            for (int r = 0; r < count; r++)
            {
                predictions[start + r] = new Prediction(artifact.Version, properties[r], OutOfRange(artifact, descriptorRows[start + r]));
            }
        }

        return predictions;
    }

    private static CompiledArtifact Compile(ModelArtifact artifact) => Compiled.GetValue(artifact, a => new CompiledArtifact(a));

    private static PredictionWorkspace Workspace(int features)
    {
        if (_workspace is not { } workspace || workspace.Block.MaxFeatures < features)
        {
            _workspace = workspace = new PredictionWorkspace(features);
        }

        return workspace;
    }

    private static IReadOnlyList<string> OutOfRange(ModelArtifact artifact, ReadOnlySpan<double> descriptors)
    {
        List<string>? outside = null;
        var ranges = artifact.DescriptorRanges;
        for (int d = 0; d < ranges.Count; d++)
        {
            if (!ranges[d].Contains(descriptors[d]))
            {
                (outside ??= []).Add(ranges[d].Descriptor);
            }
        }

        return outside ?? (IReadOnlyList<string>)[];
    }

    /// <summary>One target compiled: feature j is base feature <c>Left[j] × Right[j]</c>, evaluated by <see cref="Model"/>.</summary>
    private sealed record CompiledTarget(string Name, int[] Left, int[] Right, BlockModel Model);

    private sealed class CompiledArtifact
    {
        private readonly CompiledTarget[] _targets;

        public CompiledArtifact(ModelArtifact artifact)
        {
            _targets = [.. artifact.Targets.Select(t =>
            {
                var pairs = t.FeatureColumns.Select(FeatureNames.BasePair).ToArray();
                return new CompiledTarget(t.Target, [.. pairs.Select(p => p.K)], [.. pairs.Select(p => p.L)], BlockModel.Compile(t.Predictor));
            })];
            MaxFeatures = _targets.Length == 0 ? 0 : _targets.Max(t => t.Left.Length);
        }

        public int MaxFeatures { get; }

        /// <summary>Fills one dictionary per row (as many as <paramref name="properties"/> holds) from the workspace's base features.</summary>
        public void PredictBlock(PredictionWorkspace workspace, Span<Dictionary<string, double>> properties)
        {
            for (int r = 0; r < properties.Length; r++)
            {
                properties[r] = new Dictionary<string, double>(_targets.Length, StringComparer.Ordinal);
            }

            var output = workspace.Output.AsSpan(0, properties.Length);
            foreach (var target in _targets)
            {
                workspace.Block.Fill(workspace.BaseFeatures, properties.Length, target.Left, target.Right, target.Model.Precision);
                target.Model.PredictBlock(workspace.Block, output);
                for (int r = 0; r < properties.Length; r++)
                {
                    properties[r][target.Name] = output[r];
                }
            }
        }
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

using System.Runtime.CompilerServices;
using MesoStream.Contracts.Models;
using MesoStream.Contracts.Predictions;
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
        var rows = new RowAnswer[1];
        compiled.PredictBlock(workspace, rows);
        return rows[0].ToPrediction(artifact.Version, OutOfRange(artifact, descriptors));
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
        var rows = new RowAnswer[FeatureBlock.Capacity];
        for (int start = 0; start < descriptorRows.Count; start += FeatureBlock.Capacity)
        {
            int count = Math.Min(FeatureBlock.Capacity, descriptorRows.Count - start);
            for (int r = 0; r < count; r++)
            {
                workspace.SetBaseFeatures(r, descriptorRows[start + r]);
            }

            compiled.PredictBlock(workspace, rows.AsSpan(0, count));
            for (int r = 0; r < count; r++)
            {
                predictions[start + r] = rows[r].ToPrediction(artifact.Version, OutOfRange(artifact, descriptorRows[start + r]));
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

    /// <summary>Featurized columns as base-feature pairs: feature j is base feature <c>Left[j] × Right[j]</c>, evaluated by <see cref="Model"/>.</summary>
    private sealed record CompiledModel(int[] Left, int[] Right, BlockModel Model)
    {
        public static CompiledModel Of(IEnumerable<int> columns, ServingModel model)
        {
            var pairs = columns.Select(FeatureNames.BasePair).ToArray();
            return new CompiledModel([.. pairs.Select(p => p.K)], [.. pairs.Select(p => p.L)], BlockModel.Compile(model));
        }

        /// <summary>The model's output for the workspace's rows.</summary>
        public void Evaluate(PredictionWorkspace workspace, Span<double> output)
        {
            workspace.Block.Fill(workspace.BaseFeatures, output.Length, Left, Right, Model.Precision);
            Model.PredictBlock(workspace.Block, output);
        }
    }

    /// <summary>One target compiled: its regression model (output in <see cref="Transform"/>'s space), interval and percolation classifier.</summary>
    private sealed record CompiledTarget(string Name, CompiledModel Regression, TargetTransform Transform, ConformalInterval? Interval, CompiledModel? Percolation, double Threshold);

    /// <summary>One row's answers being filled target by target.</summary>
    private sealed class RowAnswer(int targets)
    {
        public Dictionary<string, double> Properties { get; } = new(targets, StringComparer.Ordinal);

        public Dictionary<string, PredictionInterval> Intervals { get; } = new(targets, StringComparer.Ordinal);

        public Dictionary<string, double> Percolation { get; } = new(StringComparer.Ordinal);

        public Prediction ToPrediction(int version, IReadOnlyList<string> outOfRange) =>
            new(version, Properties, outOfRange) { Intervals = Intervals, Percolation = Percolation };
    }

    private sealed class CompiledArtifact
    {
        private readonly CompiledTarget[] _targets;

        public CompiledArtifact(ModelArtifact artifact)
        {
            _targets = [.. artifact.Targets.Select(t => new CompiledTarget(
                t.Target,
                CompiledModel.Of(t.FeatureColumns, t.Predictor),
                t.Transform,
                t.Interval,
                t.Percolation is { } p ? CompiledModel.Of(t.PercolationColumns, p.Logit) : null,
                t.Percolation?.Threshold ?? 0))];
            MaxFeatures = _targets.Length == 0 ? 0 : _targets.Max(t => Math.Max(t.Regression.Left.Length, t.Percolation?.Left.Length ?? 0));
        }

        public int MaxFeatures { get; }

        /// <summary>Fills one answer per row (as many as <paramref name="rows"/> holds) from the workspace's base features.</summary>
        public void PredictBlock(PredictionWorkspace workspace, Span<RowAnswer> rows)
        {
            for (int r = 0; r < rows.Length; r++)
            {
                rows[r] = new RowAnswer(_targets.Length);
            }

            var output = workspace.Output.AsSpan(0, rows.Length);
            var logits = workspace.Logits.AsSpan(0, rows.Length);
            foreach (var target in _targets)
            {
                target.Regression.Evaluate(workspace, output);
                target.Percolation?.Evaluate(workspace, logits);
                for (int r = 0; r < rows.Length; r++)
                {
                    var answer = rows[r];
                    double value = target.Transform.Inverse(output[r]);
                    var interval = target.Interval is { } i ? i.PropertyBounds(target.Transform, output[r]) : (double.NaN, double.NaN);
                    if (target.Percolation is not null)
                    {
                        // P(percolates) = 1/(1 + e^(−z)); below the threshold there is no transport path: τ = +∞.
                        double percolates = 1 / (1 + Math.Exp(-logits[r]));
                        answer.Percolation[target.Name] = percolates;
                        if (percolates < target.Threshold)
                        {
                            value = double.PositiveInfinity;
                            interval = (double.PositiveInfinity, double.PositiveInfinity);
                        }
                    }

                    answer.Properties[target.Name] = value;
                    if (target.Interval is { } level)
                    {
                        answer.Intervals[target.Name] = new PredictionInterval(interval.Item1, interval.Item2, level.Level);
                    }
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

        public double[] Logits { get; } = new double[FeatureBlock.Capacity];
    }
}

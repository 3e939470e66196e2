using System.Text.Json.Serialization;
using MesoStream.Descriptor.Features;
using MesoStream.Trainer.Workflow;

namespace MesoStream.Trainer.Serving;

/// <summary>
/// The served model of one target: the model kind chosen (highest test R² of the run), the featurized columns it
/// reads (names from the descriptor featurizer, in the model's feature order), the model itself and the full
/// workflow report of that target (every model's metrics, row accounting, importances).
/// </summary>
public sealed class TargetModel
{
    public required string Target { get; init; }

    public required ModelKind Model { get; init; }

    public required IReadOnlyList<string> Features { get; init; }

    public required ServingModel Predictor { get; init; }

    public required WorkflowResult Report { get; init; }

    /// <summary>Positions of <see cref="Features"/> in the 4950-column featurized row; resolved when the artifact is decoded.</summary>
    [JsonIgnore]
    public int[] FeatureColumns
    {
        get;
        internal set
        {
            field = value;
            var pairs = value.Select(Featurizer.BasePair).ToArray();
            LeftBaseFeatures = [.. pairs.Select(p => p.K)];
            RightBaseFeatures = [.. pairs.Select(p => p.L)];
        }
    } = [];

    /// <summary>Feature j of <see cref="FeatureColumns"/> is base feature <c>LeftBaseFeatures[j] × RightBaseFeatures[j]</c>.</summary>
    internal int[] LeftBaseFeatures { get; private set; } = [];

    internal int[] RightBaseFeatures { get; private set; } = [];
}

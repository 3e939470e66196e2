using System.Text.Json.Serialization;
using MesoStream.Contracts.Vocabulary;

namespace MesoStream.Contracts.Models;

/// <summary>
/// The served model of one target: the model kind chosen, the featurized columns it reads (<see cref="FeatureNames"/>,
/// in the model's feature order), the model itself and the full training report of that target (every model's
/// metrics, row accounting, importances).
/// </summary>
public sealed class TargetModel
{
    public required string Target { get; init; }

    public required ModelKind Model { get; init; }

    public required IReadOnlyList<string> Features { get; init; }

    public required ServingModel Predictor { get; init; }

    public required WorkflowResult Report { get; init; }

    /// <summary>The space <see cref="Predictor"/> predicts in; its output is back-transformed to the raw property.</summary>
    public TargetTransform Transform { get; init; } = TargetTransform.Identity;

    /// <summary>The calibrated prediction interval (null: the report has too few rows to calibrate one).</summary>
    public ConformalInterval? Interval { get; init; }

    /// <summary>For a tortuosity whose training data held non-percolating rows: P(percolates) per design; else null.</summary>
    public PercolationClassifier? Percolation { get; init; }

    /// <summary>The bootstrap ensemble over spec-determined descriptors the active-learning planner scores candidates with (null: too few rows).</summary>
    public DesignEnsemble? Design { get; init; }

    /// <summary>Positions of <see cref="Features"/> in the 4950-column featurized row (−1 for a name that is not a feature).</summary>
    [JsonIgnore]
    public int[] FeatureColumns => field ??= [.. Features.Select(FeatureNames.ColumnOf)];

    /// <summary>Positions of the percolation classifier's features in the featurized row (empty without a classifier).</summary>
    [JsonIgnore]
    public int[] PercolationColumns => field ??= [.. (Percolation?.Features ?? []).Select(FeatureNames.ColumnOf)];
}

using MesoStream.Trainer.Metrics;

namespace MesoStream.Trainer.Workflow;

/// <summary>One model's row of the metrics table: Eqs. 9–11 and the fitting time.</summary>
public sealed record ModelResult(ModelKind Model, string Name, RegressionMetrics Metrics, double TrainSeconds);

public sealed record FeatureImportance(string Feature, double Weight);

/// <summary>
/// Outcome of <see cref="TargetWorkflow.Run"/>: row accounting (non-finite targets, e.g. τ = +∞ of a non-percolating
/// direction, are excluded and counted; then the outlier cut), the filter's surviving features, the per-model metrics
/// and the boosted model's top importances (empty when gradient boosting was not run).
/// </summary>
public sealed record WorkflowResult(
    int InputRows,
    int NonFiniteTargets,
    int OutliersRemoved,
    int TrainRows,
    int TestRows,
    IReadOnlyList<string> SelectedFeatures,
    double FilterSeconds,
    IReadOnlyList<ModelResult> Models,
    IReadOnlyList<FeatureImportance> TopImportances)
{
    /// <summary>k-fold test R² per model when requested (<see cref="WorkflowOptions.CrossValidationFolds"/>), else null.</summary>
    public IReadOnlyList<CrossValidationScore>? CrossValidation { get; init; }
}

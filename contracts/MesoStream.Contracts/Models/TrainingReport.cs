namespace MesoStream.Contracts.Models;

/// <summary>One model's row of the metrics table: Eqs. 9–11 and the fitting time.</summary>
public sealed record ModelResult(ModelKind Model, string Name, RegressionMetrics Metrics, double TrainSeconds);

public sealed record FeatureImportance(string Feature, double Weight);

/// <summary>
/// One target's training report (the trainer's TargetWorkflow): row accounting (non-finite targets, e.g. τ = +∞ of a non-percolating
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
    /// <summary>k-fold test R² per model when requested (the trainer's --cv-folds), else null.</summary>
    public IReadOnlyList<CrossValidationScore>? CrossValidation { get; init; }
}

/// <summary>One model's k-fold test R²: the per-fold values, their mean and (population) standard deviation.</summary>
public sealed record CrossValidationScore(ModelKind Model, double MeanTestR2, double StdTestR2, IReadOnlyList<double> FoldTestR2);

/// <summary>
/// The paper's accuracy measures (Eqs. 9–11) for one model on one target: R² (Eq. 9) and MAE (Eq. 10) on the training
/// and the test rows, and the 5th/95th percentiles of the signed relative error ε = (ŷ − y)/y (Eq. 11, a fraction) on
/// the test rows. The trainer's RegressionScores computes them.
/// </summary>
public sealed record RegressionMetrics(
    double TrainR2,
    double TestR2,
    double TrainMae,
    double TestMae,
    double TestRelativeErrorP5,
    double TestRelativeErrorP95);

/// <summary>The seven models of the paper's Step 6, in the paper's order.</summary>
public enum ModelKind
{
    Linear,
    Lasso,
    Ridge,
    ElasticNet,
    DecisionTree,
    AdaBoost,
    GradientBoosting,
}

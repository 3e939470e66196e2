namespace MesoStream.Contracts.Models;

/// <summary>One model's row of the metrics table: Eqs. 9–11 and the fitting time.</summary>
public sealed record ModelResult(ModelKind Model, string Name, RegressionMetrics Metrics, double TrainSeconds)
{
    /// <summary>The hyper-parameters and target transform chosen by inner cross-validation, e.g. "log, 8 leaves, 240 trees".</summary>
    public string? Settings { get; init; }

    /// <summary>Inner k-fold R² (raw scale, mean ± sd over folds) of the chosen settings on the training rows: what picks the served model.</summary>
    public double? SelectionR2 { get; init; }

    public double? SelectionR2Sd { get; init; }

    /// <summary>Eqs. 9–10 on the log scale (ln y vs ln ŷ) on the test rows, when y and ŷ are positive.</summary>
    public double? TestR2Log { get; init; }
}

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

    /// <summary>The served model, chosen by inner cross-validation on the training rows (the test rows are scored once, after).</summary>
    public ModelKind? Served { get; init; }

    /// <summary>Inner-CV R² (raw scale) per target transform of the most flexible model's default settings (boosting when run): how the transform was chosen.</summary>
    public IReadOnlyDictionary<TargetTransform, double>? TransformSelection { get; init; }

    /// <summary>The served model's calibrated interval and its empirical coverage on the test rows.</summary>
    public IntervalCoverage? Coverage { get; init; }

    /// <summary>The percolation classifier of a tortuosity (null when every training row percolates or for other targets).</summary>
    public PercolationReport? Percolation { get; init; }

    /// <summary>Test R² of the served model against the share of the rows used (mean ± sd over split seeds).</summary>
    public IReadOnlyList<LearningCurvePoint>? LearningCurve { get; init; }

    /// <summary>
    /// Null when this run compared the models and chose the served one; otherwise this run refitted the choices (model,
    /// target space, settings, features) of an earlier comparison on more rows, and this names that comparison.
    /// </summary>
    public ChoiceProvenance? ChoicesFrom { get; init; }
}

/// <summary>The model version, and its dataset size, whose model comparison chose the settings a refit reused.</summary>
public sealed record ChoiceProvenance(int Version, int DatasetRows);

/// <summary>Nominal level, half-width (in <c>Transform</c>, the interval's space) and the share of test rows whose true value fell inside.</summary>
public sealed record IntervalCoverage(double Level, double HalfWidth, TargetTransform Transform, double TestCoverage, int TestRows);

/// <summary>Rows of each class and the classifier's test accuracy and Brier score (mean squared error of P).</summary>
public sealed record PercolationReport(int Rows, int NonPercolating, double TestAccuracy, double TestBrier, int TestRows);

/// <summary>One point of a learning curve: the share and number of rows, and the test R² over the split seeds.</summary>
public sealed record LearningCurvePoint(double Fraction, int Rows, double MeanTestR2, double StdTestR2, IReadOnlyList<double> TestR2);

/// <summary>One model's repeated, target-stratified k-fold test R²: the per-fold values, their mean and (population) standard deviation.</summary>
public sealed record CrossValidationScore(ModelKind Model, double MeanTestR2, double StdTestR2, IReadOnlyList<double> FoldTestR2);

/// <summary>
/// The paper's accuracy measures (Eqs. 9–11) for one model on one target: MAE (Eq. 9) and R² (Eq. 10) on the training
/// and the test rows, and the 5th/95th percentiles of the signed relative error ε = (y − ŷ)/y (Eq. 11, the paper's sign,
/// a fraction) on the test rows. The trainer's RegressionScores computes them.
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

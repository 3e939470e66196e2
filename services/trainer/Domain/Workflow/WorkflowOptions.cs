using MesoStream.Contracts.Models;
using MesoStream.Trainer.Data;
using MesoStream.Trainer.Features;
using MesoStream.Trainer.Metrics;

namespace MesoStream.Trainer.Workflow;

/// <summary>
/// Settings of one per-target run. Seed drives the split, the folds, AdaBoost's resampling and FastTree; Threads is
/// the number of targets a dataset training runs at once and of (candidate, fold) fits each inner cross-validation runs at once (FastTree itself always uses every
/// core, see <c>GradientBoosting</c>); every fit is reproducible whatever the thread count.
/// </summary>
public sealed record WorkflowOptions
{
    public int Seed { get; init; } = 42;

    public int Threads { get; init; } = 1;

    public double TestFraction { get; init; } = TrainTestSplit.DefaultTestFraction;

    public double CorrelationThreshold { get; init; } = CorrelationFilter.DefaultThreshold;

    public IReadOnlyList<ModelKind> Models { get; init; } = ModelCatalog.All;

    public int TopImportanceCount { get; init; } = 10;

    /// <summary>k of the inner, target-stratified cross-validation on the training rows that chooses transforms, hyper-parameters and the served model.</summary>
    public int InnerFolds { get; init; } = 3;

    /// <summary>
    /// The inner cross-validation runs on at most this many training rows (a seeded random subset), so its cost stays
    /// bounded at the paper's 17,000 rows; the chosen settings are then fitted on every training row.
    /// </summary>
    public int TuningRows { get; init; } = 4000;

    /// <summary>Nominal coverage of the served model's conformal interval.</summary>
    public double IntervalLevel { get; init; } = SplitConformal.DefaultLevel;

    /// <summary>k of the optional outer, repeated, target-stratified k-fold evaluation; 0 (the default) skips it.</summary>
    public int CrossValidationFolds { get; init; }

    /// <summary>Repeats (each with its own seeded stratified folds) of the outer evaluation.</summary>
    public int CrossValidationRepeats { get; init; } = 3;

    /// <summary>Split seeds per point of the learning curve; 0 (the default) skips it.</summary>
    public int LearningCurveSeeds { get; init; }
}

using MesoStream.Contracts.Models;
using MesoStream.Trainer.Data;
using MesoStream.Trainer.Features;

namespace MesoStream.Trainer.Workflow;

/// <summary>
/// Settings of one per-target run. Seed drives the split, AdaBoost's resampling and FastTree; Threads is FastTree's
/// fixed thread count (fixed → reproducible).
/// </summary>
public sealed record WorkflowOptions
{
    public int Seed { get; init; } = 42;

    public int Threads { get; init; } = 1;

    public double TestFraction { get; init; } = TrainTestSplit.DefaultTestFraction;

    public double CorrelationThreshold { get; init; } = CorrelationFilter.DefaultThreshold;

    public IReadOnlyList<ModelKind> Models { get; init; } = ModelCatalog.All;

    public int TopImportanceCount { get; init; } = 10;

    /// <summary>k of the optional k-fold cross-validation; 0 (the default) skips it.</summary>
    public int CrossValidationFolds { get; init; }
}

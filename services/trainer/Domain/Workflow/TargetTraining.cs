using MesoStream.Contracts.Models;
using MesoStream.Trainer.Models;

namespace MesoStream.Trainer.Workflow;

/// <summary>
/// One fitted model of a target with the settings chosen for it: it predicts in <see cref="Transform"/>'s space;
/// <see cref="TestPredictions"/> are back-transformed to the raw scale (in <see cref="TargetTraining.TestTruth"/> order).
/// </summary>
public sealed record FittedModel(ModelKind Kind, IRegressionModel Model, double[] TestPredictions)
{
    public TargetTransform Transform { get; init; } = TargetTransform.Identity;
}

/// <summary>
/// Everything <see cref="TargetWorkflow.Train"/> produced for one target: the reportable <see cref="WorkflowResult"/>,
/// the selected feature columns (indices into the featurized table), the test rows' true values, the fitted models and
/// the served model's calibrated interval.
/// </summary>
public sealed record TargetTraining(WorkflowResult Result, int[] SelectedColumns, double[] TestTruth, IReadOnlyList<FittedModel> Fitted)
{
    public ConformalInterval? Interval { get; init; }

    /// <summary>The training and test rows of the 80:20 split, as indices into the featurized table.</summary>
    public int[] TrainRows { get; init; } = [];

    public int[] TestRows { get; init; } = [];

    /// <summary>The served model: the best inner cross-validation R² on the training rows (<see cref="WorkflowResult.Served"/>), not the best test R².</summary>
    public FittedModel Served() => Fitted.First(f => f.Kind == Result.Served);
}

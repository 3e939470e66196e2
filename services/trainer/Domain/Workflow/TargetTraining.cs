using MesoStream.Contracts.Models;
using MesoStream.Trainer.Models;

namespace MesoStream.Trainer.Workflow;

/// <summary>One fitted model of a target and its predictions on the test rows (in <see cref="TargetTraining.TestTruth"/> order).</summary>
public sealed record FittedModel(ModelKind Kind, IRegressionModel Model, double[] TestPredictions);

/// <summary>
/// Everything <see cref="TargetWorkflow.Train"/> produced for one target: the reportable <see cref="WorkflowResult"/>,
/// the selected feature columns (indices into the featurized table), the test rows' true values and the fitted models.
/// </summary>
public sealed record TargetTraining(WorkflowResult Result, int[] SelectedColumns, double[] TestTruth, IReadOnlyList<FittedModel> Fitted)
{
    /// <summary>The model with the highest test R² (ties: the earlier model in the paper's order).</summary>
    public FittedModel Best()
    {
        int best = 0;
        for (int m = 1; m < Fitted.Count; m++)
        {
            if (Result.Models[m].Metrics.TestR2 > Result.Models[best].Metrics.TestR2)
            {
                best = m;
            }
        }

        return Fitted[best];
    }
}

using System.Text;

namespace MesoStream.Trainer.Workflow;

/// <summary>
/// Each target's 80:20 split as CSV (<c>target,id,set</c> with set = train or test; rows outside the split — non-finite
/// target or outlier — are absent), so another learner (docs/compare_sklearn.py) can be scored on exactly our rows.
/// </summary>
public static class SplitExport
{
    public static string Csv(TrainingOutcome outcome)
    {
        var text = new StringBuilder("target,id,set\n");
        foreach (var (target, training) in outcome.Targets)
        {
            foreach (var row in training.TrainRows)
            {
                text.Append(target).Append(',').Append(outcome.RowIds[row]).Append(",train\n");
            }

            foreach (var row in training.TestRows)
            {
                text.Append(target).Append(',').Append(outcome.RowIds[row]).Append(",test\n");
            }
        }

        return text.ToString();
    }
}

using MesoStream.Contracts.Models;

namespace MesoStream.Trainer.Workflow;

/// <summary>
/// When a retraining compares the models afresh and when it only refits the served choices
/// (<see cref="DatasetTraining.Refit"/>): a comparison is due for the first model, for other targets than the last
/// model's, and once the dataset has grown by <c>growth</c>× since the comparison the current choices came from — so
/// comparisons follow a geometric schedule (20, 30, 45, … rows at 1.5×) and a 17,000-row dataset sees about
/// seventeen of them, while every retraining between them costs only the served models' fits.
/// </summary>
public static class ComparisonSchedule
{
    public const double DefaultGrowth = 1.5;

    public static bool Due(ModelArtifact? previous, int rows, IReadOnlyList<string> targets, double growth)
    {
        if (previous is null || !previous.Targets.Select(t => t.Target).SequenceEqual(targets))
        {
            return true;
        }

        int compared = previous.Targets[0].Report.ChoicesFrom?.DatasetRows ?? previous.DatasetRows;
        return rows >= growth * compared;
    }
}

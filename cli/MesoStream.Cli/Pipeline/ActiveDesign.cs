using MesoStream.Trainer.Workflow;

namespace MesoStream.Cli.Pipeline;

/// <summary>How <c>up</c> chooses its structures.</summary>
internal enum UpDesign
{
    /// <summary>One Sobol design of N structures, submitted up front.</summary>
    Sobol,

    /// <summary>N0 Sobol structures, then batches the planner service proposes from each model version until N.</summary>
    Active,
}

/// <summary>
/// An active-learning campaign's shape: the space-filling start and the batch per model version (docs/active-learning.md).
/// The trainer trains once the start is in and after every batch; each model version makes the planner propose the next.
/// </summary>
internal sealed record ActiveDesign(int Initial, int Batch)
{
    /// <summary>A quarter of the budget, and enough rows for the first model's split and inner cross-validation.</summary>
    public static int DefaultInitial(int structures) => Math.Max(MinimumInitial, structures / 4);

    public const int MinimumInitial = 2 * DatasetTraining.MinimumRows;

    /// <summary>Why these settings make no active campaign, naming the option; null when they do.</summary>
    public static string? Problem(int structures, int initial, int batch, int replicates) =>
        replicates > 1 ? "--replicates applies to --design sobol only (an active campaign chooses each design once)"
        : initial < MinimumInitial || initial >= structures ? $"--initial must lie in [{MinimumInitial}, --structures − 1] (got {initial})"
        : batch < 1 || batch > structures - initial ? $"--batch must lie in [1, --structures − --initial = {structures - initial}] (got {batch})"
        : null;
}

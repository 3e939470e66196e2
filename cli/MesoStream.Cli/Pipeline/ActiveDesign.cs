using MesoStream.Planner;
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
    public const int DefaultBatch = 50;

    public const int MinimumInitial = 2 * DatasetTraining.MinimumRows;

    /// <summary>The largest batch the planner's default pool can spread over its default shortlist (50,000 / 16 = 3,125).</summary>
    public const int MaxBatch = PlannerSettings.DefaultPoolSize / PlannerSettings.DefaultShortlistFactor;

    /// <summary>A quarter of the budget, and enough rows for the first model's split and inner cross-validation.</summary>
    public static int DefaultInitial(int structures) => Math.Max(MinimumInitial, structures / 4);

    /// <summary>The design of these options, defaults filled in: the start a quarter of N, the batch 50 or what N leaves after the start.</summary>
    public static ActiveDesign Of(int structures, int? initial, int? batch)
    {
        int start = initial ?? DefaultInitial(structures);
        return new ActiveDesign(start, batch ?? Math.Clamp(structures - start, 1, DefaultBatch));
    }

    /// <summary>Why these settings make no active campaign, naming the option; null when they do.</summary>
    public static string? Problem(int structures, int? initial, int? batch, int replicates)
    {
        var design = Of(structures, initial, batch);
        return replicates > 1 ? "--replicates applies to --design sobol only (an active campaign chooses each design once)"
            : design.Initial < MinimumInitial || design.Initial >= structures ? $"--initial must lie in [{MinimumInitial}, --structures − 1] (got {design.Initial})"
            : design.Batch < 1 || design.Batch > Math.Min(structures - design.Initial, MaxBatch)
                ? $"--batch must lie in [1, min(--structures − --initial = {structures - design.Initial}, {MaxBatch})] (got {design.Batch})"
            : null;
    }
}

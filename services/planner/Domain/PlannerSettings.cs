using MesoStream.Contracts.Specs;
using MesoStream.Contracts.Vocabulary;
using MesoStream.Generator.Campaigns;

namespace MesoStream.Planner;

/// <summary>
/// What the planner plans for: the campaign its specs belong to (label, seed, grid, ranges), the budget — the dataset
/// size to stop at, counted in the model's training rows, so the trainer's dataset must be the campaign's (as in
/// <c>up</c>'s run directory) and a dead-lettered structure is topped up, not counted — the batch it proposes per model version, the candidate pool, how many of the most
/// uncertain candidates the batch is spread over, and the targets whose uncertainty counts.
/// </summary>
public sealed record PlannerSettings(string Campaign, long Seed, GridSpec Grid, int Budget, int BatchSize)
{
    public const int DefaultPoolSize = 50_000;

    /// <summary>
    /// Shortlist = this × the batch: at batch 50 the batch is spread over the top 1.6 % of a 50,000 pool. In
    /// <c>bench active</c> (docs/active-learning.md, "Measured") τ's test R² at 200 / 300 / 400 structures rose with the
    /// factor: 0.332 / 0.435 / 0.457 at 1 (the top scores alone), 0.370 / 0.452 / 0.484 at 4, 0.397 / 0.492 / 0.491 at 16.
    /// </summary>
    public const int DefaultShortlistFactor = 16;

    /// <summary>τx,y,z and σx,y,z: the transport properties, the ones simulation is expensive for and models find hard.</summary>
    public static IReadOnlyList<string> DefaultTargets { get; } = [.. EffectiveProperties.Transport.Select(p => p.Name)];

    public CampaignRanges Ranges { get; init; } = CampaignRanges.Paper;

    public int PoolSize { get; init; } = DefaultPoolSize;

    public int ShortlistFactor { get; init; } = DefaultShortlistFactor;

    public IReadOnlyList<string> Targets { get; init; } = DefaultTargets;

    /// <summary>Every problem with these settings, naming the option and its allowed range.</summary>
    public IEnumerable<string> Problems()
    {
        if (string.IsNullOrWhiteSpace(Campaign))
        {
            yield return "campaign: must be a non-empty label";
        }

        if (Seed is < 0 or > SpecLimits.MaxSeed)
        {
            yield return $"seed: {Seed} outside [0, {SpecLimits.MaxSeed}]";
        }

        if (Budget is < 1 or > 1_000_000)
        {
            yield return $"budget: {Budget} outside [1, 1000000]";
        }

        if (BatchSize is < 1 or > 10_000)
        {
            yield return $"batch: {BatchSize} outside [1, 10000]";
        }

        if (ShortlistFactor is < 1 or > 1000)
        {
            yield return $"shortlist: {ShortlistFactor} outside [1, 1000]";
        }

        if (PoolSize < BatchSize * ShortlistFactor || PoolSize > 1_000_000)
        {
            yield return $"pool: {PoolSize} outside [batch × shortlist = {BatchSize * ShortlistFactor}, 1000000]";
        }

        if (Targets.Count == 0 || Targets.Any(t => !EffectiveProperties.Names.Contains(t)))
        {
            yield return $"targets: must name one or more of {string.Join(", ", EffectiveProperties.Names)}";
        }
    }

    public PlannerSettings Validated()
    {
        var problems = Problems().ToList();
        return problems.Count == 0 ? this : throw new ArgumentException(string.Join("; ", problems));
    }
}

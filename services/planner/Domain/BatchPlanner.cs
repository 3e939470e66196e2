using System.Diagnostics;
using MesoStream.Contracts.Models;
using MesoStream.Planner.Acquisition;
using MesoStream.Planner.Candidates;

namespace MesoStream.Planner;

/// <summary>One proposed design: its spec, its acquisition score and its place in the batch (0 = picked first).</summary>
public sealed record PlannedSpec(Contracts.Specs.StructureSpec Spec, double Score, int Rank);

/// <summary>
/// The batch proposed for one model version, with what it was chosen from: the model, the pool, the shortlist and
/// the targets whose ensembles scored it (fewer than asked for when a target had too few rows for one). Empty when
/// the budget is spent.
/// </summary>
public sealed record PlannedBatch(
    int ModelVersion,
    int DatasetRows,
    IReadOnlyList<PlannedSpec> Specs,
    int PoolSize,
    int Shortlist,
    IReadOnlyList<string> ScoredTargets,
    TimeSpan Elapsed)
{
    /// <summary>How the batch was chosen, in words a spec's provenance header can carry.</summary>
    public string Acquisition => ScoredTargets.Count == 0
        ? $"space-filling: max-min over the first {Shortlist} of {PoolSize} Sobol candidates (no design ensemble in the model)"
        : $"ensemble spread of {string.Join(",", ScoredTargets)}; max-min over the top {Shortlist} of {PoolSize} Sobol candidates";
}

/// <summary>
/// Active learning's decision, Kafka-free: given a model version, which designs to simulate next. Draw a fresh Sobol
/// pool (<see cref="CandidatePool"/>), score every candidate by the named targets' design-ensemble spread
/// (<see cref="UncertaintyScore"/>), and spread the batch over the most uncertain ones (<see cref="BatchDiversity"/> in
/// the <see cref="DesignSpace"/> of the model's training ranges). The batch is min(batch, budget − rows the model was
/// trained on): structures that were dead-lettered never reach the dataset, so the next batch tops them up. A pure
/// function of (artifact, settings): a restarted planner proposes the same specs, whose content ids dedupe.
/// </summary>
public static class BatchPlanner
{
    public static PlannedBatch Plan(ModelArtifact model, PlannerSettings settings) =>
        Plan(model.Version, model.DatasetRows, model.DescriptorRanges,
            model.Targets.Where(t => t.Design is not null).ToDictionary(t => t.Target, t => t.Design!, StringComparer.Ordinal), settings);

    /// <summary>
    /// The same decision from its parts (what <c>mesostream bench active</c> calls between batches, with ensembles fitted
    /// by the trainer's own <c>DesignEnsembleTraining</c> instead of a whole model version).
    /// </summary>
    /// <param name="ranges">The training rows' D1…D11 ranges (the design space's box).</param>
    /// <param name="ensembles">Design ensembles by target; targets without one are not scored.</param>
    public static PlannedBatch Plan(int modelVersion, int datasetRows, IReadOnlyList<DescriptorRange> ranges,
        IReadOnlyDictionary<string, DesignEnsemble> ensembles, PlannerSettings settings)
    {
        settings = settings.Validated();
        var clock = Stopwatch.StartNew();
        int size = Math.Min(settings.BatchSize, settings.Budget - datasetRows);
        int shortlist = Math.Max(size, settings.BatchSize * settings.ShortlistFactor);
        if (size <= 0)
        {
            return new PlannedBatch(modelVersion, datasetRows, [], 0, 0, [], clock.Elapsed);
        }

        var pool = CandidatePool.Draw(settings.PoolSize, CandidatePool.SeedFor(settings.Seed, datasetRows),
            settings.Grid, settings.Campaign, settings.Ranges);
        var scored = settings.Targets.Where(ensembles.ContainsKey).ToList();
        // No ensemble (a model trained on too few rows): every score 0, so the shortlist is the pool's first Sobol points and the batch space-filling.
        var scores = scored.Count == 0 ? new double[pool.Count] : UncertaintyScore.Of(pool, [.. scored.Select(t => ensembles[t])]);
        var space = new DesignSpace(ranges);
        var points = new double[pool.Count][];
        Parallel.For(0, pool.Count, i => points[i] = space.Normalise(pool[i].Descriptors));
        var picked = BatchDiversity.Pick(points, scores, size, shortlist);
        return new PlannedBatch(modelVersion, datasetRows,
            [.. picked.Select((index, rank) => new PlannedSpec(pool[index].Spec, scores[index], rank))],
            pool.Count, shortlist, scored, clock.Elapsed);
    }
}

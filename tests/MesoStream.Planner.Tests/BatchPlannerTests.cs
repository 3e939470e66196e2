using MesoStream.Contracts.Models;
using MesoStream.Contracts.Specs;
using MesoStream.Contracts.Vocabulary;
using MesoStream.Generator;
using MesoStream.Planner.Acquisition;

namespace MesoStream.Planner.Tests;

/// <summary>The planner's decision: the most uncertain candidates, spread out, deterministic, within the budget, as valid specs of the campaign.</summary>
public sealed class BatchPlannerTests
{
    private static PlannerSettings Settings(int budget = 1000, int batch = 20) =>
        new("al-test", Seed: 7, GeneratorPresets.FastGrid, budget, batch) { PoolSize = 4000 };

    private static readonly Dictionary<string, DesignEnsemble> UnsureAtHighActiveFraction = new()
    {
        ["tau_x"] = DesignEnsembles.UnsureAbove(DescriptorId.ActiveMaterialFraction, 0.7),
    };

    [Fact]
    public void Picks_candidates_where_the_ensemble_disagrees()
    {
        var batch = BatchPlanner.Plan(3, 100, DesignEnsembles.PaperRanges, UnsureAtHighActiveFraction, Settings());

        Assert.Equal(20, batch.Specs.Count);
        // Only a quarter of the pool (about 1,000) lies above v_am 0.7, and the shortlist (16 × 20 = 320) is smaller than that quarter.
        Assert.All(batch.Specs, p => Assert.True(p.Spec.ActiveMaterial.VolumeFraction > 0.7, $"{p.Spec.Id}: v_am {p.Spec.ActiveMaterial.VolumeFraction}"));
        Assert.All(batch.Specs, p => Assert.True(p.Score > 0));
        Assert.Equal(["tau_x"], batch.ScoredTargets);
        Assert.Equal(Enumerable.Range(0, 20), batch.Specs.Select(p => p.Rank));
    }

    [Fact]
    public void Targets_the_user_did_not_name_do_not_count()
    {
        var settings = Settings() with { Targets = ["sigma_x"] };
        var batch = BatchPlanner.Plan(3, 100, DesignEnsembles.PaperRanges, UnsureAtHighActiveFraction, settings);

        // No ensemble for sigma_x: the batch is space-filling, not drawn to high v_am.
        Assert.Empty(batch.ScoredTargets);
        Assert.Contains(batch.Specs, p => p.Spec.ActiveMaterial.VolumeFraction < 0.6);
        Assert.StartsWith("space-filling", batch.Acquisition);
    }

    [Fact]
    public void The_batch_is_spread_out_more_than_the_top_scores_alone()
    {
        // Every candidate above v_am 0.5 is equally uncertain; max-min must spread the batch over that region.
        var ensembles = new Dictionary<string, DesignEnsemble> { ["tau_x"] = DesignEnsembles.UnsureAbove(DescriptorId.ActiveMaterialFraction, 0.5) };
        var batch = BatchPlanner.Plan(1, 100, DesignEnsembles.PaperRanges, ensembles, Settings() with { ShortlistFactor = 20 });
        var space = new DesignSpace(DesignEnsembles.PaperRanges);
        var picked = batch.Specs.Select(p => space.Normalise(Descriptor.Descriptors.SpecDeterminedDescriptors.Of(p.Spec))).ToList();

        var pool = Candidates.CandidatePool.Draw(4000, Candidates.CandidatePool.SeedFor(7, 100), GeneratorPresets.FastGrid, "al-test", Generator.Campaigns.CampaignRanges.Paper);
        var firstTwentyUnsure = pool.Where(c => c.Spec.ActiveMaterial.VolumeFraction > 0.5).Take(20).Select(c => space.Normalise(c.Descriptors)).ToList();
        Assert.True(MinPairDistance(picked) > 1.5 * MinPairDistance(firstTwentyUnsure),
            $"max-min batch: closest pair {MinPairDistance(picked):F3}; twenty unsure candidates in pool order: {MinPairDistance(firstTwentyUnsure):F3}");
    }

    [Fact]
    public void The_same_model_state_gives_the_same_batch_and_a_larger_dataset_a_fresh_pool()
    {
        var first = BatchPlanner.Plan(3, 100, DesignEnsembles.PaperRanges, UnsureAtHighActiveFraction, Settings());
        var again = BatchPlanner.Plan(3, 100, DesignEnsembles.PaperRanges, UnsureAtHighActiveFraction, Settings());
        var later = BatchPlanner.Plan(4, 120, DesignEnsembles.PaperRanges, UnsureAtHighActiveFraction, Settings());

        Assert.Equal(first.Specs.Select(p => p.Spec.ToJson()), again.Specs.Select(p => p.Spec.ToJson()));
        Assert.Equal(first.Specs.Select(p => p.Score), again.Specs.Select(p => p.Score));
        Assert.Empty(first.Specs.Select(p => p.Spec.Id).Intersect(later.Specs.Select(p => p.Spec.Id)));
    }

    [Fact]
    public void Proposes_valid_specs_of_the_campaign_and_stops_at_the_budget()
    {
        var batch = BatchPlanner.Plan(2, 110, DesignEnsembles.PaperRanges, UnsureAtHighActiveFraction, Settings(budget: 120));

        Assert.Equal(10, batch.Specs.Count);
        Assert.All(batch.Specs, p =>
        {
            var parsed = StructureSpec.Parse(p.Spec.ToJson());
            Assert.Equal(p.Spec.ContentId(), parsed.Id);
            Assert.Equal("al-test", parsed.Campaign);
            Assert.Equal(GeneratorPresets.FastGrid, parsed.Grid);
        });
        Assert.Equal(10, batch.Specs.Select(p => p.Spec.Id).Distinct().Count());
        Assert.Empty(BatchPlanner.Plan(3, 120, DesignEnsembles.PaperRanges, UnsureAtHighActiveFraction, Settings(budget: 120)).Specs);
        Assert.Empty(BatchPlanner.Plan(3, 125, DesignEnsembles.PaperRanges, UnsureAtHighActiveFraction, Settings(budget: 120)).Specs);
    }

    [Fact]
    public void Settings_out_of_range_are_refused_naming_the_option()
    {
        var problems = (Settings(budget: 0, batch: 0) with { Targets = ["tau_w"], ShortlistFactor = 0, Campaign = " " }).Problems().ToList();

        Assert.Contains(problems, p => p.StartsWith("budget:", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.StartsWith("batch:", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.StartsWith("targets:", StringComparison.Ordinal) && p.Contains("tau_x", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.StartsWith("shortlist:", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.StartsWith("campaign:", StringComparison.Ordinal));
        Assert.Throws<ArgumentException>(() => BatchPlanner.Plan(1, 1, DesignEnsembles.PaperRanges, UnsureAtHighActiveFraction, Settings(batch: 0)));
    }

    private static double MinPairDistance(IReadOnlyList<double[]> points)
    {
        double min = double.PositiveInfinity;
        for (int i = 0; i < points.Count; i++)
        {
            for (int j = i + 1; j < points.Count; j++)
            {
                min = Math.Min(min, DesignSpace.Distance(points[i], points[j]));
            }
        }

        return min;
    }
}

using MesoStream.Contracts.Specs;
using MesoStream.Descriptor.Descriptors;
using MesoStream.Generator.Campaigns;

namespace MesoStream.Planner.Candidates;

/// <summary>
/// The designs the planner may choose from: a Sobol design of <c>count</c> points over the campaign's ranges, drawn
/// by the same <see cref="CampaignSampler"/> as every campaign (so a chosen candidate is a spec a campaign could have
/// submitted, validated by the contract), each with its spec-determined descriptors. Nothing is generated: scoring
/// reads only what the spec fixes (measured in docs/active-learning.md: 50,000 candidates in about a second, against
/// roughly 0.1 s each to generate and describe a 64³ structure).
/// </summary>
public static class CandidatePool
{
    public static IReadOnlyList<Candidate> Draw(int count, long seed, GridSpec grid, string campaign, CampaignRanges ranges)
    {
        var specs = CampaignSampler.Sample(count, seed, SamplingDesign.Sobol, grid, campaign, ranges);
        var candidates = new Candidate[specs.Count];
        Parallel.For(0, specs.Count, i => candidates[i] = new Candidate(specs[i], SpecDeterminedDescriptors.Of(specs[i])));
        return candidates;
    }

    /// <summary>
    /// The pool's seed for a model trained on <paramref name="datasetRows"/> structures: each dataset size draws fresh
    /// candidates (a chosen design is never offered again), and the same model state draws the same ones.
    /// </summary>
    public static long SeedFor(long campaignSeed, int datasetRows) =>
        (long)(Generator.Randomness.SplitMix64.Mix(unchecked((ulong)campaignSeed * 0x9E3779B97F4A7C15UL + (ulong)datasetRows)) >> 11);
}

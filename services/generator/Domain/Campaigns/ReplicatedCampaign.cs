using MesoStream.Contracts.Specs;

namespace MesoStream.Generator.Campaigns;

/// <summary>
/// A Sobol campaign in which some designs are generated with K seeds each, so the irreducible, seed-to-seed variance
/// of every property can be measured (the noise ceiling of any model). Of N structures, G = max(2, round(0.2·N/K))
/// designs — the campaign's first G — get K − 1 further seeds, so about a fifth of the structures are replicates and
/// N − G·(K − 1) are distinct designs. A replicate differs from its design only in its seed (and so its id); its seed
/// is the campaign's spec seed of an index past the designs, distinct from every design's.
/// </summary>
public static class ReplicatedCampaign
{
    public const double ReplicateShare = 0.2;

    public static IReadOnlyList<StructureSpec> Sample(int count, long seed, GridSpec grid, string campaign, int replicates)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(replicates, 1);
        if (replicates == 1)
        {
            return CampaignSampler.Sample(count, seed, SamplingDesign.Sobol, grid, campaign);
        }

        int groups = GroupCount(count, replicates);
        int designs = count - (groups * (replicates - 1));
        if (designs < groups)
        {
            throw new ArgumentOutOfRangeException(nameof(count), count, $"{count} structures cannot hold {groups} designs × {replicates} replicates; use more structures or fewer replicates");
        }

        var specs = new List<StructureSpec>(CampaignSampler.Sample(designs, seed, SamplingDesign.Sobol, grid, campaign));
        for (int g = 0; g < groups; g++)
        {
            for (int r = 1; r < replicates; r++)
            {
                var replicate = specs[g] with { Seed = CampaignSampler.SpecSeed(seed, designs + (g * (replicates - 1)) + r - 1) };
                specs.Add(replicate with { Id = replicate.ContentId() });
            }
        }

        return specs;
    }

    public static int GroupCount(int count, int replicates) => Math.Max(2, (int)Math.Round(ReplicateShare * count / replicates));

    /// <summary>The ids of the specs that share a design (everything but seed and id), groups of two or more only.</summary>
    public static IReadOnlyList<IReadOnlyList<string>> Groups(IEnumerable<StructureSpec> specs) =>
        [.. specs.GroupBy(s => s with { Id = string.Empty, Seed = 0 })
            .Where(g => g.Count() > 1)
            .Select(g => (IReadOnlyList<string>)[.. g.Select(s => s.Id)])];
}

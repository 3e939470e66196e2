using MesoStream.Contracts.Specs;
using MesoStream.Generator.Campaigns;

namespace MesoStream.Generator.Tests;

public class ReplicatedCampaignTests
{
    private static readonly GridSpec Grid = GeneratorPresets.FastGrid;

    [Fact]
    public void A_fifth_of_the_structures_are_seeds_of_the_same_designs_and_nothing_else_differs()
    {
        var specs = ReplicatedCampaign.Sample(100, 7, Grid, "c", replicates: 3);

        Assert.Equal(100, specs.Count);
        Assert.Equal(100, specs.Select(s => s.Id).Distinct().Count());
        Assert.Equal(100, specs.Select(s => s.Seed).Distinct().Count());
        Assert.All(specs, s => Assert.Equal(s, StructureSpec.Parse(s.ToJson())));
        var groups = ReplicatedCampaign.Groups(specs);
        // round(0.2 · 100 / 3) = 7 designs × 3 seeds.
        Assert.Equal(7, groups.Count);
        Assert.All(groups, g => Assert.Equal(3, g.Count));
        var byId = specs.ToDictionary(s => s.Id);
        Assert.All(groups, g => Assert.Single(g.Select(id => byId[id] with { Id = string.Empty, Seed = 0 }).Distinct()));
        // The distinct designs are the plain Sobol campaign of 100 − 7·2 = 86.
        Assert.Equal(CampaignSampler.Sample(86, 7, SamplingDesign.Sobol, Grid, "c"), specs.Take(86));
    }

    [Fact]
    public void One_replicate_is_the_plain_campaign_and_too_few_structures_are_refused()
    {
        Assert.Equal(CampaignSampler.Sample(20, 3, SamplingDesign.Sobol, Grid, "c"), ReplicatedCampaign.Sample(20, 3, Grid, "c", 1));
        Assert.Empty(ReplicatedCampaign.Groups(ReplicatedCampaign.Sample(20, 3, Grid, "c", 1)));
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => ReplicatedCampaign.Sample(9, 3, Grid, "c", 5));
        Assert.Contains("cannot hold 2 designs × 5 replicates", error.Message);
    }
}

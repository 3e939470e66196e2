using MesoStream.Contracts.Specs;
using MesoStream.Generator.Campaigns;
using MesoStream.Generator.Packing;

namespace MesoStream.Generator.Tests;

public class CampaignSamplerTests
{
    [Theory]
    [InlineData(SamplingDesign.Sobol)]
    [InlineData(SamplingDesign.Lhs)]
    [InlineData(SamplingDesign.Random)]
    public void Every_spec_is_valid_within_the_paper_ranges_with_distinct_ids_and_seeds(SamplingDesign design)
    {
        const int count = 200;
        var specs = CampaignSampler.Sample(count, seed: 77, design, GeneratorPresets.FastGrid, "campaign-test");

        Assert.Equal(count, specs.Count);
        Assert.Equal(count, specs.Select(s => s.Id).Distinct().Count());
        Assert.Equal(count, specs.Select(s => s.Seed).Distinct().Count());
        foreach (var spec in specs)
        {
            Assert.Equal(spec, StructureSpec.Parse(spec.ToJson()));
            Assert.Equal("campaign-test", spec.Campaign);
            Assert.Equal(GeneratorPresets.FastGrid, spec.Grid);
            Assert.InRange(spec.Seed, 0, SpecLimits.MaxSeed);
            Assert.InRange(spec.ActiveMaterial.VolumeFraction, 0.40, 0.80);
            Assert.InRange(spec.Binder.VolumeFraction, 0.05, 0.10);
            Assert.InRange(spec.Binder.Omega, 0.1, 0.9);
            Assert.InRange(spec.ActiveMaterial.A1, 0.1, 100);
            Assert.InRange(spec.ActiveMaterial.A2, 0.1, 100);
            var (a, b, c) = (spec.ActiveMaterial.AxesUm.A, spec.ActiveMaterial.AxesUm.B, spec.ActiveMaterial.AxesUm.C);
            Assert.InRange(Math.Cbrt(a * b * c), 2 - 1e-9, 7 + 1e-9);
            Assert.InRange(Math.Max(a, Math.Max(b, c)) / Math.Min(a, Math.Min(b, c)), 1, 5 + 1e-9);
        }

        var classes = specs.Select(s => ZinggClassifier.Classify(s.ActiveMaterial.AxesUm)).Distinct().ToHashSet();
        Assert.Equal(Enum.GetValues<ZinggClass>().ToHashSet(), classes);
        var first = specs.Select(s => s.ActiveMaterial.AxesUm).Select(x => x.A >= Math.Max(x.B, x.C) ? "long" : x.A <= Math.Min(x.B, x.C) ? "short" : "intermediate");
        Assert.Equal(3, first.Distinct().Count());
    }

    [Fact]
    public void Sampling_is_reproducible_and_depends_on_the_seed()
    {
        var first = CampaignSampler.Sample(16, 5, SamplingDesign.Sobol, GeneratorPresets.PaperGrid, "c");
        var again = CampaignSampler.Sample(16, 5, SamplingDesign.Sobol, GeneratorPresets.PaperGrid, "c");
        var other = CampaignSampler.Sample(16, 6, SamplingDesign.Sobol, GeneratorPresets.PaperGrid, "c");
        Assert.Equal(first, again);
        Assert.Empty(first.Select(s => s.Id).Intersect(other.Select(s => s.Id)));
    }

    [Theory]
    [InlineData(SamplingDesign.Sobol, 256)]
    [InlineData(SamplingDesign.Lhs, 200)]
    public void Each_one_dimensional_projection_has_one_point_per_stratum(SamplingDesign design, int count)
    {
        // Sobol: the first 2^k points of every coordinate fall one per bin of width 2^-k (for every k ≤ 8 here);
        // LHS: N points fall one per bin of width 1/N.
        var points = CampaignSampler.UnitPoints(count, 9, design);
        var widths = design == SamplingDesign.Sobol ? new[] { 2, 4, 16, 64, 256 } : new[] { count };
        foreach (var bins in widths)
        {
            for (var d = 0; d < CampaignSampler.Dimensions; d++)
            {
                var hits = new int[bins];
                for (var i = 0; i < bins; i++)
                {
                    hits[(int)(points[i][d] * bins)]++;
                }

                Assert.All(hits, h => Assert.Equal(1, h));
            }
        }
    }

    [Fact]
    public void Spec_seeds_are_distinct_over_many_indices()
    {
        var seeds = Enumerable.Range(0, 100_000).Select(i => CampaignSampler.SpecSeed(123, i)).ToHashSet();
        Assert.Equal(100_000, seeds.Count);
        Assert.All(seeds, s => Assert.InRange(s, 0, SpecLimits.MaxSeed));
    }
}

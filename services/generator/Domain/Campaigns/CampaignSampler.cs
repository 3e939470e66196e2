using MesoStream.Contracts.Specs;
using MesoStream.Generator.Randomness;

namespace MesoStream.Generator.Campaigns;

/// <summary>
/// Draws the specs of a campaign: N points of a space-filling design over <see cref="CampaignRanges"/> (8 dimensions:
/// v_AM, binder fraction, ω, a/b, a/c, R_eq, a1, a2), each turned into a <see cref="StructureSpec"/> on a preset grid,
/// with its own seed and the campaign label. The whole list is a function of (count, seed, design, grid, ranges).
/// Every spec is passed through the contract's validator (<see cref="StructureSpec.Parse(string)"/>), so a range or
/// grid that yields an invalid spec (e.g. a semi-axis under half a voxel on a coarse grid) fails here, naming the field.
/// Log-uniform values go through Math.Log/Exp, which are not guaranteed bit-identical across C runtimes; specs are
/// data that travel as JSON, so the generator's own determinism does not depend on that.
/// </summary>
public static class CampaignSampler
{
    public const int Dimensions = 8;

    /// <summary>Largest 53-bit value: seeds stay exact in every JSON reader (<see cref="SpecLimits.MaxSeed"/>).</summary>
    private const ulong SeedMask = (1UL << 53) - 1;

    public static IReadOnlyList<StructureSpec> Sample(int count, long seed, SamplingDesign design, GridSpec grid, string campaign) =>
        Sample(count, seed, design, grid, campaign, CampaignRanges.Paper);

    public static IReadOnlyList<StructureSpec> Sample(
        int count, long seed, SamplingDesign design, GridSpec grid, string campaign, CampaignRanges ranges)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(count, 1);
        ArgumentNullException.ThrowIfNull(grid);
        ArgumentException.ThrowIfNullOrWhiteSpace(campaign);
        ArgumentNullException.ThrowIfNull(ranges);
        var points = UnitPoints(count, seed, design);
        var specs = new StructureSpec[count];
        for (var i = 0; i < count; i++)
        {
            specs[i] = ToSpec(points[i], SpecSeed(seed, i), grid, campaign, ranges);
        }

        return specs;
    }

    /// <summary>
    /// Seed of spec <paramref name="index"/>: a bijection of 53-bit words applied to (base + index) mod 2^53, so the
    /// seeds of one campaign are distinct by construction and all ≤ <see cref="SpecLimits.MaxSeed"/>.
    /// </summary>
    public static long SpecSeed(long campaignSeed, int index)
    {
        var start = Mix53(SplitMix64.Mix(unchecked((ulong)campaignSeed)) & SeedMask);
        return (long)Mix53((start + (ulong)index) & SeedMask);
    }

    /// <summary>The design's points in [0, 1)^8, one row per spec.</summary>
    public static double[][] UnitPoints(int count, long seed, SamplingDesign design)
    {
        var rng = Xoshiro256StarStar.ForStream(seed, RandomStreams.Campaign);
        switch (design)
        {
            case SamplingDesign.Sobol:
                var shift = new uint[Dimensions];
                for (var d = 0; d < Dimensions; d++)
                {
                    shift[d] = (uint)(rng.NextUInt64() >> 32);
                }

                var sobol = new SobolSequence(Dimensions, shift);
                var sobolPoints = new double[count][];
                for (var i = 0; i < count; i++)
                {
                    sobolPoints[i] = new double[Dimensions];
                    sobol.Point((uint)i, sobolPoints[i]);
                }

                return sobolPoints;
            case SamplingDesign.Lhs:
                return LatinHypercube.Sample(count, Dimensions, ref rng);
            case SamplingDesign.Random:
                var randomPoints = new double[count][];
                for (var i = 0; i < count; i++)
                {
                    randomPoints[i] = new double[Dimensions];
                    for (var d = 0; d < Dimensions; d++)
                    {
                        randomPoints[i][d] = rng.NextDouble();
                    }
                }

                return randomPoints;
            default:
                throw new ArgumentOutOfRangeException(nameof(design), design, "unknown sampling design");
        }
    }

    private static StructureSpec ToSpec(double[] u, long seed, GridSpec grid, string campaign, CampaignRanges r)
    {
        var activeFraction = Linear(u[0], r.MinActiveFraction, r.MaxActiveFraction);
        var binderFraction = Linear(u[1], r.MinBinderFraction, r.MaxBinderFraction);
        var omega = Linear(u[2], r.MinOmega, r.MaxOmega);
        var shape = Shape(u[3], u[4], r.MaxEccentricity);
        var equivalentRadius = Linear(u[5], r.MinEquivalentRadiusUm, r.MaxEquivalentRadiusUm);
        var a1 = Logarithmic(u[6], r.MinAnisotropy, r.MaxAnisotropy);
        var a2 = Logarithmic(u[7], r.MinAnisotropy, r.MaxAnisotropy);

        var scale = equivalentRadius / Math.Cbrt(shape.A * shape.B * shape.C);
        var spec = new StructureSpec(
            string.Empty,
            seed,
            grid,
            new ActiveMaterialSpec(activeFraction, new SemiAxes(scale * shape.A, scale * shape.B, scale * shape.C), a1, a2),
            new BinderSpec(binderFraction, omega),
            campaign);
        return StructureSpec.Parse((spec with { Id = spec.ContentId() }).ToJson());
    }

    /// <summary>
    /// Relative semi-axes (first, second, third) in the Zingg region bounded by <paramref name="maxEccentricity"/>
    /// (<see cref="CampaignRanges"/>): <paramref name="uElongation"/> sets L/S log-uniformly; <paramref name="uPlacement"/>
    /// picks, by thirds, which sorted axis comes first and, within its third, where I lies between S and L — a
    /// measure-preserving map, so a Sobol design stays evenly spread over the shapes.
    /// </summary>
    private static SemiAxes Shape(double uElongation, double uPlacement, double maxEccentricity)
    {
        var eccentricity = Logarithmic(uElongation, 1, maxEccentricity);
        var third = Math.Min(2, (int)(uPlacement * 3));
        var intermediate = Math.Pow(eccentricity, uPlacement * 3 - third);
        var (longest, shortest) = (eccentricity, 1.0);
        return third switch
        {
            0 => new SemiAxes(longest, intermediate, shortest),
            1 => new SemiAxes(intermediate, longest, shortest),
            _ => new SemiAxes(shortest, intermediate, longest),
        };
    }

    private static double Linear(double u, double min, double max) => min + u * (max - min);

    private static double Logarithmic(double u, double min, double max) => Math.Exp(Math.Log(min) + u * (Math.Log(max) - Math.Log(min)));

    /// <summary>
    /// A bijection of [0, 2^53): xor-shifts and multiplications by odd constants modulo 2^53 are each invertible
    /// (the SplitMix64 finalizer's structure, narrowed to 53 bits).
    /// </summary>
    private static ulong Mix53(ulong x)
    {
        x ^= x >> 26;
        x = (x * 0xBF58476D1CE4E5B9UL) & SeedMask;
        x ^= x >> 27;
        x = (x * 0x94D049BB133111EBUL) & SeedMask;
        x ^= x >> 26;
        return x;
    }
}

namespace MesoStream.Generator.Randomness;

/// <summary>
/// Stream keys of the generator: each stage draws from its own xoshiro stream of the spec's seed, so the binder never
/// depends on how many particle draws the packing consumed (which varies with speculative batching, see
/// <see cref="Packing.EllipsoidPacking"/>) and a change in one stage cannot silently reshuffle another.
/// </summary>
public static class RandomStreams
{
    public const ulong Particles = 0x5041_5254_4943_4C45; // "PARTICLE"
    public const ulong Binder = 0x4249_4E44_4552_0000; // "BINDER"
    public const ulong Campaign = 0x4341_4D50_4149_474E; // "CAMPAIGN"
}

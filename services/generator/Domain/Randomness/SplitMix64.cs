namespace MesoStream.Generator.Randomness;

/// <summary>
/// SplitMix64 (Steele, Lea &amp; Flood, "Fast splittable pseudorandom number generators", OOPSLA 2014; constants as in
/// Vigna's reference splitmix64.c). Used only to expand a seed into xoshiro state and to derive independent stream
/// and per-spec seeds: the finalizer is a bijection of 64-bit words, so distinct inputs never collide.
/// </summary>
public static class SplitMix64
{
    /// <summary>Advances <paramref name="state"/> by the golden-ratio increment and returns the mixed output.</summary>
    public static ulong Next(ref ulong state)
    {
        state += 0x9E3779B97F4A7C15UL;
        return Mix(state);
    }

    /// <summary>The SplitMix64 output function (a variant of MurmurHash3's fmix64): a bijection on 64-bit words.</summary>
    public static ulong Mix(ulong z)
    {
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }
}

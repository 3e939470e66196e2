namespace MesoStream.Generator.Randomness;

/// <summary>
/// xoshiro256** 1.0 (Blackman &amp; Vigna, "Scrambled linear pseudorandom number generators", ACM TOMS 47(4), 2021;
/// reference xoshiro256starstar.c). Written out here rather than taken from <see cref="System.Random"/>, whose
/// algorithm is an implementation detail that may change between .NET versions: a spec's seed must give the same
/// structure on every machine and runtime. Only integer operations and exactly rounded IEEE arithmetic are used.
/// A mutable value type: pass it by <c>ref</c>.
/// </summary>
public struct Xoshiro256StarStar
{
    private ulong _s0, _s1, _s2, _s3;

    /// <summary>State taken as given (for reference test vectors). Must not be all zero.</summary>
    public Xoshiro256StarStar(ulong s0, ulong s1, ulong s2, ulong s3)
    {
        if ((s0 | s1 | s2 | s3) == 0)
        {
            throw new ArgumentException("xoshiro256** state must not be all zero");
        }

        (_s0, _s1, _s2, _s3) = (s0, s1, s2, s3);
    }

    /// <summary>
    /// The generator for one named random stream of a seed: the state is four SplitMix64 outputs started from
    /// <c>Mix(seed) ^ stream</c>, as Vigna recommends for seeding xoshiro. Different streams of the same seed (particles,
    /// binder) are independent, so adding draws to one never shifts the other.
    /// </summary>
    public static Xoshiro256StarStar ForStream(long seed, ulong stream)
    {
        var state = SplitMix64.Mix(unchecked((ulong)seed)) ^ stream;
        return new Xoshiro256StarStar(
            SplitMix64.Next(ref state), SplitMix64.Next(ref state), SplitMix64.Next(ref state), SplitMix64.Next(ref state));
    }

    public ulong NextUInt64()
    {
        var result = ulong.RotateLeft(_s1 * 5, 7) * 9;
        var t = _s1 << 17;
        _s2 ^= _s0;
        _s3 ^= _s1;
        _s1 ^= _s2;
        _s0 ^= _s3;
        _s2 ^= t;
        _s3 = ulong.RotateLeft(_s3, 45);
        return result;
    }

    /// <summary>Uniform in [0, 1): the top 53 bits times 2⁻⁵³ (Vigna's recommended conversion), exact in binary64.</summary>
    public double NextDouble() => (NextUInt64() >> 11) * (1.0 / (1UL << 53));

    /// <summary>Uniform in [−1, 1), exact in binary64.</summary>
    public double NextSigned() => ((long)(NextUInt64() >> 10) - (1L << 53)) * (1.0 / (1UL << 53));

    /// <summary>
    /// Uniform integer in [0, <paramref name="bound"/>) without modulo bias: Lemire's multiply-shift with rejection
    /// ("Fast random integer generation in an interval", ACM TOMACS 29(1), 2019).
    /// </summary>
    public int NextBelow(int bound)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(bound, 1);
        var range = (ulong)bound;
        var product = Math.BigMul(NextUInt64(), range, out var low);
        if (low < range)
        {
            var threshold = (0UL - range) % range;
            while (low < threshold)
            {
                product = Math.BigMul(NextUInt64(), range, out low);
            }
        }

        return (int)product;
    }
}

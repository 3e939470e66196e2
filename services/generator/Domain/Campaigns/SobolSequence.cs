namespace MesoStream.Generator.Campaigns;

/// <summary>
/// The Sobol low-discrepancy sequence in base 2, Gray-code order (Antonov &amp; Saleev 1979), with the direction numbers
/// of Joe &amp; Kuo, "Constructing Sobol sequences with better two-dimensional projections", SIAM J. Sci. Comput. 30,
/// 2635–2654 (2008), file new-joe-kuo-6.21201 (https://web.maths.unsw.edu.au/~fkuo/sobol/), dimensions 2–8; dimension 1
/// is van der Corput. An optional digital shift (XOR of a fixed 32-bit word per dimension) randomizes the points while
/// keeping the net property: the first 2^k points of every 1-D projection still fall one in each interval of width 2^-k.
/// Unshifted, the points equal SciPy's <c>qmc.Sobol(scramble=False)</c> (same table, same order).
/// </summary>
public sealed class SobolSequence
{
    private const int Bits = 32;

    /// <summary>Rows of new-joe-kuo-6.21201 for d = 2..8: degree s, polynomial coefficient word a, initial m_1..m_s.</summary>
    private static readonly (int S, uint A, uint[] M)[] JoeKuo =
    [
        (1, 0, [1]),
        (2, 1, [1, 3]),
        (3, 1, [1, 3, 1]),
        (3, 2, [1, 1, 1]),
        (4, 1, [1, 1, 3, 3]),
        (4, 4, [1, 3, 5, 13]),
        (5, 2, [1, 1, 5, 5, 17]),
    ];

    public const int MaxDimensions = 8;

    private readonly uint[][] _directions;
    private readonly uint[] _shift;

    public SobolSequence(int dimensions, uint[]? digitalShift = null)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(dimensions, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(dimensions, MaxDimensions);
        if (digitalShift is not null && digitalShift.Length != dimensions)
        {
            throw new ArgumentException($"the digital shift needs one word per dimension ({dimensions})", nameof(digitalShift));
        }

        Dimensions = dimensions;
        _shift = digitalShift ?? new uint[dimensions];
        _directions = new uint[dimensions][];
        for (var d = 0; d < dimensions; d++)
        {
            _directions[d] = d == 0 ? VanDerCorput() : Directions(JoeKuo[d - 1]);
        }
    }

    public int Dimensions { get; }

    /// <summary>Point <paramref name="index"/> (from 0) in (0, 1)^d; each coordinate is the centre of its 2^-32 cell.</summary>
    public void Point(uint index, Span<double> into)
    {
        for (var d = 0; d < Dimensions; d++)
        {
            into[d] = (Word(index, d) + 0.5) / 4294967296.0;
        }
    }

    /// <summary>Coordinate of point <paramref name="index"/> without the half-cell centring: the exact dyadic value.</summary>
    public double Raw(uint index, int dimension) => Word(index, dimension) / 4294967296.0;

    /// <summary>The 32-bit coordinate word: XOR of the direction numbers selected by the Gray code of the index, shifted.</summary>
    private uint Word(uint index, int dimension)
    {
        var x = _shift[dimension];
        var directions = _directions[dimension];
        var gray = index ^ (index >> 1);
        for (var k = 0; gray != 0; k++, gray >>= 1)
        {
            if ((gray & 1) != 0)
            {
                x ^= directions[k];
            }
        }

        return x;
    }

    private static uint[] VanDerCorput()
    {
        var v = new uint[Bits];
        for (var k = 0; k < Bits; k++)
        {
            v[k] = 1u << (Bits - 1 - k);
        }

        return v;
    }

    /// <summary>
    /// V_k = m_k·2^(32−k) with the Joe–Kuo recurrence (notes "Notes on generating Sobol sequences", 2008, §2):
    /// V_k = V_{k−s} ⊕ (V_{k−s} ≫ s) ⊕ ⊕_{j=1}^{s−1} a_j·V_{k−j}, a_j the j-th bit of a counted from the most significant.
    /// </summary>
    private static uint[] Directions((int S, uint A, uint[] M) row)
    {
        var (s, a, m) = row;
        var v = new uint[Bits];
        for (var k = 0; k < s; k++)
        {
            v[k] = m[k] << (Bits - 1 - k);
        }

        for (var k = s; k < Bits; k++)
        {
            v[k] = v[k - s] ^ (v[k - s] >> s);
            for (var j = 1; j < s; j++)
            {
                if (((a >> (s - 1 - j)) & 1) != 0)
                {
                    v[k] ^= v[k - j];
                }
            }
        }

        return v;
    }
}

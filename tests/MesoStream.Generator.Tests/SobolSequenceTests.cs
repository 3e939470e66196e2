using MesoStream.Generator.Campaigns;

namespace MesoStream.Generator.Tests;

public class SobolSequenceTests
{
    [Fact]
    public void Unshifted_points_match_the_published_sequence()
    {
        // SciPy documentation, scipy.stats.qmc.Sobol(d=2, scramble=False).random_base2(m=3) (Joe–Kuo numbers, Gray code).
        double[,] expected =
        {
            { 0, 0 }, { 0.5, 0.5 }, { 0.75, 0.25 }, { 0.25, 0.75 },
            { 0.375, 0.375 }, { 0.875, 0.875 }, { 0.625, 0.125 }, { 0.125, 0.625 },
        };
        var sobol = new SobolSequence(2);
        for (uint i = 0; i < 8; i++)
        {
            Assert.Equal(expected[i, 0], sobol.Raw(i, 0));
            Assert.Equal(expected[i, 1], sobol.Raw(i, 1));
        }
    }

    [Fact]
    public void Every_two_dimensional_projection_of_the_first_256_points_is_well_stratified()
    {
        // A (t, m, 2)-net in base 2 has exactly 2^t points in every elementary box of area 2^(t−m). Joe & Kuo chose
        // their numbers for small t of 2-D projections; for m = 8 every pair of our 8 dimensions has t ≤ 4 (measured
        // here; the first pair is a (0, m, 2)-net, the Sobol property).
        const int m = 8;
        var sobol = new SobolSequence(SobolSequence.MaxDimensions);
        for (var d1 = 0; d1 < SobolSequence.MaxDimensions; d1++)
        {
            for (var d2 = d1 + 1; d2 < SobolSequence.MaxDimensions; d2++)
            {
                var t = TValue(sobol, d1, d2, m);
                Assert.True(t <= (d1 == 0 && d2 == 1 ? 0 : 4), $"dimensions {d1 + 1},{d2 + 1}: t = {t}");
            }
        }
    }

    [Fact]
    public void A_digital_shift_keeps_one_point_per_dyadic_interval()
    {
        var sobol = new SobolSequence(3, [0xDEADBEEF, 0x12345678, 0x9ABCDEF0]);
        Span<double> point = stackalloc double[3];
        for (var d = 0; d < 3; d++)
        {
            var hits = new int[128];
            for (uint i = 0; i < 128; i++)
            {
                sobol.Point(i, point);
                Assert.InRange(point[d], 0, 1);
                hits[(int)(point[d] * 128)]++;
            }

            Assert.All(hits, h => Assert.Equal(1, h));
        }
    }

    /// <summary>Smallest t such that every elementary box 2^-a × 2^-(m−t−a) holds exactly 2^t of the first 2^m points.</summary>
    private static int TValue(SobolSequence sobol, int d1, int d2, int m)
    {
        for (var t = 0; t <= m; t++)
        {
            var ok = true;
            for (var a = 0; a <= m - t && ok; a++)
            {
                var b = m - t - a;
                var boxes = new int[1 << a, 1 << b];
                for (uint i = 0; i < 1u << m; i++)
                {
                    boxes[(int)(sobol.Raw(i, d1) * (1 << a)), (int)(sobol.Raw(i, d2) * (1 << b))]++;
                }

                foreach (var count in boxes)
                {
                    ok &= count == 1 << t;
                }
            }

            if (ok)
            {
                return t;
            }
        }

        return m;
    }
}

using MesoStream.Generator.Randomness;

namespace MesoStream.Generator.Campaigns;

/// <summary>
/// Seeded Latin hypercube (McKay, Beckman &amp; Conover 1979): per dimension an independent random permutation of the
/// N strata (Fisher–Yates), and a uniform position within each stratum.
/// </summary>
public static class LatinHypercube
{
    /// <summary>N points in [0, 1)^dimensions, row i = point i.</summary>
    public static double[][] Sample(int count, int dimensions, ref Xoshiro256StarStar rng)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(count, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(dimensions, 1);
        var points = new double[count][];
        for (var i = 0; i < count; i++)
        {
            points[i] = new double[dimensions];
        }

        var strata = new int[count];
        for (var d = 0; d < dimensions; d++)
        {
            for (var i = 0; i < count; i++)
            {
                strata[i] = i;
            }

            for (var i = count - 1; i > 0; i--)
            {
                var j = rng.NextBelow(i + 1);
                (strata[i], strata[j]) = (strata[j], strata[i]);
            }

            for (var i = 0; i < count; i++)
            {
                points[i][d] = (strata[i] + rng.NextDouble()) / count;
            }
        }

        return points;
    }
}

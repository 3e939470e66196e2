using MesoStream.Generator.Randomness;

namespace MesoStream.Generator.Geometry;

/// <summary>
/// Uniform random directions by rejection from the cube and the square (Marsaglia-style). Chosen over the usual
/// (cos θ, φ) recipe because sin/cos are not exactly rounded and may differ in the last bit between C runtimes; the
/// generator must give the same bytes everywhere.
/// </summary>
public static class UnitVectors
{
    /// <summary>Below this squared radius a draw is rejected: normalizing it would amplify rounding.</summary>
    private const double MinRadiusSquared = 1e-6;

    /// <summary>A direction uniform on the unit sphere: a point uniform in the unit ball, normalized.</summary>
    public static Vec3 OnSphere(ref Xoshiro256StarStar rng)
    {
        while (true)
        {
            var v = new Vec3(rng.NextSigned(), rng.NextSigned(), rng.NextSigned());
            var r2 = v.LengthSquared;
            if (r2 <= 1.0 && r2 >= MinRadiusSquared)
            {
                return v.Normalized();
            }
        }
    }

    /// <summary>(cos ψ, sin ψ) with ψ uniform in [0, 2π): a point uniform in the unit disc, normalized.</summary>
    public static (double Cos, double Sin) OnCircle(ref Xoshiro256StarStar rng)
    {
        while (true)
        {
            var x = rng.NextSigned();
            var y = rng.NextSigned();
            var r2 = x * x + y * y;
            if (r2 <= 1.0 && r2 >= MinRadiusSquared)
            {
                var r = Math.Sqrt(r2);
                return (x / r, y / r);
            }
        }
    }
}

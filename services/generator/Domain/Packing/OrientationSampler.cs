using MesoStream.Generator.Geometry;
using MesoStream.Generator.Randomness;

namespace MesoStream.Generator.Packing;

/// <summary>
/// Particle orientations by the paper's Eq. 6: a direction (x, y, z) uniform on the sphere is mapped to
/// d_a = (a1·x, a1·a2·y, z) / ‖(a1·x, a1·a2·y, z)‖, and the particle's first semi-axis is aligned with d_a.
/// With a2 = 1 this is the β-orientation distribution with β = a1 (docs/methods.md, "Orientation"): a1 → 0 aligns d_a
/// with z, a1 ≫ 1 lays it in the x–y plane; a2 &gt; 1 stretches y and so favours y within that plane, a2 &lt; 1 favours
/// x. a1 = a2 = 1 is isotropic. The second axis is at a uniformly random angle about d_a; the third completes the
/// frame.
/// </summary>
public sealed class OrientationSampler
{
    private readonly double _a1;
    private readonly double _a1A2;

    public OrientationSampler(double a1, double a2)
    {
        if (!(a1 > 0) || !(a2 > 0) || !double.IsFinite(a1) || !double.IsFinite(a2))
        {
            throw new ArgumentOutOfRangeException(nameof(a1), $"anisotropy parameters must be positive and finite, got a1 = {a1}, a2 = {a2}");
        }

        _a1 = a1;
        _a1A2 = a1 * a2;
    }

    /// <summary>The Eq. 6 direction d_a of one particle.</summary>
    public Vec3 SampleDirection(ref Xoshiro256StarStar rng)
    {
        while (true)
        {
            var u = UnitVectors.OnSphere(ref rng);
            var mapped = new Vec3(_a1 * u.X, _a1A2 * u.Y, u.Z);
            // Only a direction (almost) along an axis that a tiny parameter squeezes can map to ~0; redraw it.
            if (mapped.LengthSquared > 1e-200)
            {
                return mapped.Normalized();
            }
        }
    }

    /// <summary>The particle frame: U = d_a (first semi-axis), V ⟂ U at a uniform random angle about U.</summary>
    public (Vec3 U, Vec3 V) SampleFrame(ref Xoshiro256StarStar rng)
    {
        var u = SampleDirection(ref rng);
        var (e1, e2) = OrthonormalBasis.Complete(u);
        var (cos, sin) = UnitVectors.OnCircle(ref rng);
        return (u, cos * e1 + sin * e2);
    }
}

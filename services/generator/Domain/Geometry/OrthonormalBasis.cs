namespace MesoStream.Generator.Geometry;

/// <summary>
/// Two unit vectors completing a unit vector n to a right-handed orthonormal basis (e1, e2, n): the branchless construction of Duff et al., "Building an orthonormal basis, revisited", JCGT 6(1), 2017
/// (after Frisvad 2012). Uses no trigonometric function, so the result is bit-identical on every machine.
/// </summary>
public static class OrthonormalBasis
{
    public static (Vec3 E1, Vec3 E2) Complete(Vec3 n)
    {
        var sign = n.Z >= 0 ? 1.0 : -1.0;
        var a = -1.0 / (sign + n.Z);
        var b = n.X * n.Y * a;
        var e1 = new Vec3(1.0 + sign * n.X * n.X * a, sign * b, -sign * n.X);
        var e2 = new Vec3(b, sign + n.Y * n.Y * a, -n.Y);
        return (e1, e2);
    }
}

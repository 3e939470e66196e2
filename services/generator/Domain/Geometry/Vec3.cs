namespace MesoStream.Generator.Geometry;

/// <summary>A 3-vector of doubles (System.Numerics vectors are single precision).</summary>
public readonly record struct Vec3(double X, double Y, double Z)
{
    public double Dot(Vec3 o) => X * o.X + Y * o.Y + Z * o.Z;

    public Vec3 Cross(Vec3 o) => new(Y * o.Z - Z * o.Y, Z * o.X - X * o.Z, X * o.Y - Y * o.X);

    public double LengthSquared => Dot(this);

    /// <summary>The unit vector along this one (only exactly rounded operations: division and square root).</summary>
    public Vec3 Normalized()
    {
        var length = Math.Sqrt(LengthSquared);
        return new Vec3(X / length, Y / length, Z / length);
    }

    public static Vec3 operator *(double s, Vec3 v) => new(s * v.X, s * v.Y, s * v.Z);

    public static Vec3 operator +(Vec3 a, Vec3 b) => new(a.X + b.X, a.Y + b.Y, a.Z + b.Z);
}

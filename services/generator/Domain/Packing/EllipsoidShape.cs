using MesoStream.Contracts.Structures;

namespace MesoStream.Generator.Packing;

/// <summary>
/// The inside test of one particle: a point p lies inside when q(p) = (d·U/A)² + (d·V/B)² + (d·W/C)² ≤ 1 with
/// d = p − centre (the quadratic form of the ellipsoid in its principal frame). The sum is always evaluated in the
/// same order, so the voxelizer and any brute-force check agree bit for bit.
/// </summary>
public readonly struct EllipsoidShape
{
    private readonly double _ux, _uy, _uz, _vx, _vy, _vz, _wx, _wy, _wz;

    public EllipsoidShape(in Particle p)
    {
        var (wx, wy, wz) = p.W;
        (_ux, _uy, _uz) = (p.Ux / p.A, p.Uy / p.A, p.Uz / p.A);
        (_vx, _vy, _vz) = (p.Vx / p.B, p.Vy / p.B, p.Vz / p.B);
        (_wx, _wy, _wz) = (wx / p.C, wy / p.C, wz / p.C);
        Cx = p.Cx;
        Cy = p.Cy;
        Cz = p.Cz;
        // Half-width of the axis-aligned bounding box: the support function of the ellipsoid along each lab axis.
        HalfX = Math.Sqrt(Sq(p.A * p.Ux) + Sq(p.B * p.Vx) + Sq(p.C * wx));
        HalfY = Math.Sqrt(Sq(p.A * p.Uy) + Sq(p.B * p.Vy) + Sq(p.C * wy));
        HalfZ = Math.Sqrt(Sq(p.A * p.Uz) + Sq(p.B * p.Vz) + Sq(p.C * wz));
    }

    public double Cx { get; }
    public double Cy { get; }
    public double Cz { get; }
    public double HalfX { get; }
    public double HalfY { get; }
    public double HalfZ { get; }

    public bool Contains(double x, double y, double z) => QuadraticForm(x - Cx, y - Cy, z - Cz) <= 1.0;

    /// <summary>q(d) evaluated as RowTerms + x-terms, exactly as the voxelizer's inner loop does it.</summary>
    public double QuadraticForm(double dx, double dy, double dz)
    {
        var (ru, rv, rw) = RowTerms(dy, dz);
        return QuadraticForm(dx, ru, rv, rw);
    }

    /// <summary>The y and z contributions to d·U/A, d·V/B, d·W/C: constant along a row of voxels.</summary>
    public (double U, double V, double W) RowTerms(double dy, double dz) =>
        (dy * _uy + dz * _uz, dy * _vy + dz * _vz, dy * _wy + dz * _wz);

    public double QuadraticForm(double dx, double rowU, double rowV, double rowW) =>
        Sq(dx * _ux + rowU) + Sq(dx * _vx + rowV) + Sq(dx * _wx + rowW);

    private static double Sq(double x) => x * x;
}

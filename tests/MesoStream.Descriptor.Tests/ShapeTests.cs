using MesoStream.Descriptor.Shapes;

namespace MesoStream.Descriptor.Tests;

public sealed class ShapeTests
{
    [Fact]
    public void SphereHasRectangularityPiOverSixAndSphericityOne()
    {
        var sphere = new EllipsoidShape(3.7, 3.7, 3.7);
        Assert.Equal(4 * Math.PI * 3.7 * 3.7, sphere.SurfaceArea, 10);
        Assert.Equal(Math.PI / 6, sphere.Rectangularity, 14);
        Assert.Equal(1.0, sphere.Sphericity, 14);
        Assert.Equal(3.7, sphere.EquivalentRadius, 14);
        Assert.Equal(1.0, sphere.Eccentricity, 14);
    }

    [Fact]
    public void AxesAreSortedLongestFirst()
    {
        var platelet = new EllipsoidShape(1.5, 6.0, 4.0);
        Assert.Equal((6.0, 4.0, 1.5), (platelet.A, platelet.B, platelet.C));
        Assert.Equal(4.0, platelet.Eccentricity, 14);
        Assert.Equal(Math.Cbrt(36.0), platelet.EquivalentRadius, 14);
    }

    /// <summary>Prolate spheroid a &gt; b = c: S = 2πb²(1 + a·arcsin(e)/(b·e)), e = √(1 − b²/a²).</summary>
    [Theory]
    [InlineData(6.5, 3.9)]
    [InlineData(5.0, 1.0)]
    [InlineData(2.0, 1.999)]
    public void ProlateSpheroidMatchesClosedForm(double a, double b)
    {
        double e = Math.Sqrt(1 - b * b / (a * a));
        double area = 2 * Math.PI * b * b * (1 + a * Math.Asin(e) / (b * e));
        var shape = new EllipsoidShape(b, a, b);
        Assert.Equal(1.0, shape.SurfaceArea / area, 12);
        double volume = 4.0 / 3.0 * Math.PI * a * b * b;
        Assert.Equal(Math.Cbrt(Math.PI) * Math.Pow(6 * volume, 2.0 / 3.0) / area, shape.Sphericity, 12);
        Assert.Equal(Math.Cbrt(a * b * b), shape.EquivalentRadius, 12);
        Assert.Equal(area / (8 * (a * b + b * b + b * a)), shape.Rectangularity, 12);
    }

    /// <summary>Oblate spheroid a = b &gt; c: S = 2πa²(1 + (1 − e²)·artanh(e)/e), e = √(1 − c²/a²).</summary>
    [Theory]
    [InlineData(5.0, 1.0)]
    [InlineData(4.0, 3.0)]
    public void OblateSpheroidMatchesClosedForm(double a, double c)
    {
        double e = Math.Sqrt(1 - c * c / (a * a));
        double area = 2 * Math.PI * a * a * (1 + (1 - e * e) * Math.Atanh(e) / e);
        Assert.Equal(1.0, new EllipsoidShape(a, c, a).SurfaceArea / area, 12);
    }

    /// <summary>
    /// Triaxial: against a direct quadrature of |∂r/∂θ × ∂r/∂φ| — midpoint rule (spectral in the periodic φ, O(h²) in θ
    /// from the |sin θ| kink at the poles), Richardson-extrapolated to O(h⁴).
    /// </summary>
    [Fact]
    public void TriaxialEllipsoidMatchesQuadrature()
    {
        double a = 6.0, b = 3.0, c = 1.2;
        double coarse = Quadrature(a, b, c, 400), fine = Quadrature(a, b, c, 800);
        double area = (4 * fine - coarse) / 3;
        Assert.Equal(1.0, new EllipsoidShape(c, a, b).SurfaceArea / area, 9);
    }

    private static double Quadrature(double a, double b, double c, int n)
    {
        double sum = 0;
        for (int i = 0; i < n; i++)
        {
            double t = (i + 0.5) * Math.PI / n, st = Math.Sin(t), ct = Math.Cos(t);
            for (int j = 0; j < 2 * n; j++)
            {
                double p = (j + 0.5) * Math.PI / n, sp = Math.Sin(p), cp = Math.Cos(p);
                double nx = b * c * st * st * cp, ny = a * c * st * st * sp, nz = a * b * st * ct;
                sum += Math.Sqrt(nx * nx + ny * ny + nz * nz);
            }
        }

        return sum * (Math.PI / n) * (Math.PI / n);
    }

    [Fact]
    public void NonPositiveAxisIsRejected()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new EllipsoidShape(1, 0, 1));
    }
}

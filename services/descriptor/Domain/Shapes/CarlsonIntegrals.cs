namespace MesoStream.Descriptor.Shapes;

/// <summary>
/// Carlson's symmetric elliptic integrals (B. C. Carlson, Numer. Algorithms 10 (1995) 13–26; DLMF §19.16, §19.36),
/// by the duplication theorem iterated to full double precision. Used for the exact ellipsoid surface area.
/// </summary>
internal static class CarlsonIntegrals
{
    /// <summary>R_F(x, y, z) = ½∫₀^∞ dt / √((t+x)(t+y)(t+z)); at most one argument may be zero.</summary>
    public static double Rf(double x, double y, double z)
    {
        const double tolerance = 1e-4; // error ∝ tolerance⁶ ≈ 1e-24: below double rounding
        double mu;
        while (true)
        {
            mu = (x + y + z) / 3.0;
            double dx = 1.0 - x / mu, dy = 1.0 - y / mu, dz = 1.0 - z / mu;
            if (Math.Max(Math.Abs(dx), Math.Max(Math.Abs(dy), Math.Abs(dz))) < tolerance)
            {
                double e2 = dx * dy - dz * dz;
                double e3 = dx * dy * dz;
                return (1.0 + (e2 / 24.0 - 0.1 - 3.0 * e3 / 44.0) * e2 + e3 / 14.0) / Math.Sqrt(mu);
            }

            double sx = Math.Sqrt(x), sy = Math.Sqrt(y), sz = Math.Sqrt(z);
            double lambda = sx * (sy + sz) + sy * sz;
            x = 0.25 * (x + lambda);
            y = 0.25 * (y + lambda);
            z = 0.25 * (z + lambda);
        }
    }

    /// <summary>R_D(x, y, z) = (3/2)∫₀^∞ dt / ((t+z)√((t+x)(t+y)(t+z))); z &gt; 0.</summary>
    public static double Rd(double x, double y, double z)
    {
        const double tolerance = 1e-4;
        double sum = 0.0, factor = 1.0;
        while (true)
        {
            double mu = (x + y + 3.0 * z) / 5.0;
            double dx = 1.0 - x / mu, dy = 1.0 - y / mu, dz = 1.0 - z / mu;
            if (Math.Max(Math.Abs(dx), Math.Max(Math.Abs(dy), Math.Abs(dz))) < tolerance)
            {
                double ea = dx * dy, eb = dz * dz;
                double ec = ea - eb, ed = ea - 6.0 * eb, ef = ed + ec + ec;
                double series = 1.0
                    + ed * (-3.0 / 14.0 + 9.0 / 88.0 * ed - 4.5 / 26.0 * dz * ef)
                    + dz * (ef / 6.0 + dz * (-9.0 / 22.0 * ec + 3.0 / 26.0 * dz * ea));
                return 3.0 * sum + factor * series / (mu * Math.Sqrt(mu));
            }

            double sx = Math.Sqrt(x), sy = Math.Sqrt(y), sz = Math.Sqrt(z);
            double lambda = sx * (sy + sz) + sy * sz;
            sum += factor / (sz * (z + lambda));
            factor *= 0.25;
            x = 0.25 * (x + lambda);
            y = 0.25 * (y + lambda);
            z = 0.25 * (z + lambda);
        }
    }

    /// <summary>
    /// R_G(x, y, z) by DLMF 19.21.10, 2R_G = z·R_F − (x−z)(y−z)·R_D/3 + √(xy/z), with z the middle argument so that
    /// (x−z)(y−z) ≤ 0 and no cancellation occurs. Arguments must be positive.
    /// </summary>
    public static double Rg(double x, double y, double z)
    {
        Span<double> v = [x, y, z];
        v.Sort();
        (x, z, y) = (v[0], v[1], v[2]);
        return 0.5 * (z * Rf(x, y, z) - (x - z) * (y - z) * Rd(x, y, z) / 3.0 + Math.Sqrt(x * y / z));
    }
}

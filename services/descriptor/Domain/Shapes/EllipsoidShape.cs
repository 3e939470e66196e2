namespace MesoStream.Descriptor.Shapes;

/// <summary>
/// The shape descriptors D5–D8 of one ellipsoid (paper Eqs. 2–5). Semi-axes are held sorted, <see cref="A"/> ≥
/// <see cref="B"/> ≥ <see cref="C"/>, whatever order they were given in (the spec's first axis is the Eq. 6-aligned one,
/// which may be the shortest for platelets); lengths in µm.
/// </summary>
public readonly record struct EllipsoidShape
{
    public EllipsoidShape(double a, double b, double c)
    {
        foreach (var axis in (ReadOnlySpan<double>)[a, b, c])
        {
            if (!double.IsFinite(axis) || axis <= 0)
            {
                throw new ArgumentOutOfRangeException(nameof(a), axis, "ellipsoid semi-axes must be positive finite lengths");
            }
        }

        Span<double> sorted = [a, b, c];
        sorted.Sort();
        (C, B, A) = (sorted[0], sorted[1], sorted[2]);
    }

    /// <summary>Longest semi-axis (µm).</summary>
    public double A { get; }

    /// <summary>Middle semi-axis (µm).</summary>
    public double B { get; }

    /// <summary>Shortest semi-axis (µm).</summary>
    public double C { get; }

    public double Volume => 4.0 / 3.0 * Math.PI * A * B * C;

    /// <summary>Exact surface area (µm²): S = 4π·abc·R_G(a⁻², b⁻², c⁻²) (DLMF 19.33.1).</summary>
    public double SurfaceArea => 4.0 * Math.PI * A * B * C * CarlsonIntegrals.Rg(1.0 / (A * A), 1.0 / (B * B), 1.0 / (C * C));

    /// <summary>D5, Eq. 2: radius of the sphere of equal volume, R_eq = (abc)^(1/3) (µm).</summary>
    public double EquivalentRadius => Math.Cbrt(A * B * C);

    /// <summary>D6, Eq. 3: longest over shortest axis, e = a/c ≥ 1.</summary>
    public double Eccentricity => A / C;

    /// <summary>
    /// D7, Eq. 4: particle surface over the surface of its bounding cuboid (2a × 2b × 2c, area 8(ab + bc + ca)).
    /// A sphere gives 4πr²/24r² = π/6.
    /// </summary>
    public double Rectangularity => SurfaceArea / (8.0 * (A * B + B * C + C * A));

    /// <summary>D8, Eq. 5: ψ = π^(1/3)(6V)^(2/3)/S, 1 for a sphere, &lt; 1 otherwise.</summary>
    public double Sphericity => Math.Cbrt(Math.PI) * Math.Pow(6.0 * Volume, 2.0 / 3.0) / SurfaceArea;
}

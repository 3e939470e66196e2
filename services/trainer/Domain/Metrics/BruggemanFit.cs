namespace MesoStream.Trainer.Metrics;

/// <summary>
/// Bruggeman's exponent α of τ = ε^(−α) (paper Eq. 7, Fig. 3) fitted by least squares on ln τ = −α·ln ε through the
/// origin (τ = 1 at ε = 1): α = −Σ ln ε·ln τ / Σ (ln ε)², with its standard error from the residuals. Only finite τ
/// (percolating directions) at porosities in [<c>minPorosity</c>, 1) enter: the paper reads the exponents where the
/// power law holds, at the higher porosities (ε ≥ 0.3, Figs. 3–4).
/// </summary>
public sealed record BruggemanFit(double Exponent, double StandardError, int Points)
{
    public const double PaperMinPorosity = 0.3;

    /// <summary>Null with fewer than three usable points.</summary>
    public static BruggemanFit? Fit(IEnumerable<(double Porosity, double Tau)> points, double minPorosity = PaperMinPorosity)
    {
        var used = points.Where(p => double.IsFinite(p.Tau) && p.Tau > 0 && p.Porosity >= minPorosity && p.Porosity < 1)
            .Select(p => (X: Math.Log(p.Porosity), Y: Math.Log(p.Tau))).ToArray();
        if (used.Length < 3)
        {
            return null;
        }

        double sxx = used.Sum(p => p.X * p.X), sxy = used.Sum(p => p.X * p.Y);
        double alpha = -sxy / sxx;
        double residuals = used.Sum(p => Math.Pow(p.Y + (alpha * p.X), 2));
        double standardError = Math.Sqrt(residuals / (used.Length - 1) / sxx);
        return new BruggemanFit(alpha, standardError, used.Length);
    }
}

namespace MesoStream.Trainer.Models;

/// <summary>Stopping rule of the coordinate descent: sweeps until max_j |Δβ_j| &lt; Tolerance or MaxSweeps.</summary>
public sealed record CoordinateDescentOptions(double Tolerance = 1e-10, int MaxSweeps = 20_000);

/// <summary>
/// Cyclic coordinate descent for the elastic net on standardized columns z_j (mean 0, ‖z_j‖² = n or 0) and a centred
/// target (Friedman, Hastie &amp; Tibshirani 2010, "covariance updates"):
/// minimise 1/(2n)‖y − Zβ‖² + α·ρ·‖β‖₁ + α·(1 − ρ)/2·‖β‖², with the update
/// β_j ← S(c_j − Σ_{k≠j} G_jk β_k, αρ) / (G_jj + α(1 − ρ)), where G = ZᵀZ/n and c = Zᵀy/n (<see cref="GramMatrix"/>) and
/// S(u, t) = sign(u)·max(|u| − t, 0). The products Gβ are kept up to date so a sweep costs O(p²), independent of n.
/// Zero coefficients are exactly zero (soft thresholding). ρ = 0 is ridge, ρ = 1 the lasso.
/// <para>
/// α is scale-free: the L1 term is applied as α·ρ·σ_y (σ_y the population standard deviation of the target), which is
/// exactly the problem posed on the standardized target y/σ_y and scaled back, so one α serves targets of any unit
/// (τ ~ 1, σ ~ 0.01, areas ~ 10⁵ 1/m). The L2 term is invariant under that scaling and is applied as α·(1 − ρ).
/// </para>
/// </summary>
internal static class CoordinateDescent
{
    public static double[] Solve(double[][] columns, double[] centredTarget, double alpha, double l1Ratio, CoordinateDescentOptions options)
    {
        int n = centredTarget.Length, p = columns.Length;
        var gram = GramMatrix.Of(columns, n);
        var c = GramMatrix.Correlations(columns, centredTarget);

        double targetScale = Math.Sqrt(centredTarget.Sum(y => y * y) / n);
        double l1 = alpha * l1Ratio * targetScale, l2 = alpha * (1.0 - l1Ratio);
        var beta = new double[p];
        var gramBeta = new double[p];
        for (int sweep = 0; sweep < options.MaxSweeps; sweep++)
        {
            double maxChange = 0;
            for (int j = 0; j < p; j++)
            {
                double denominator = gram[j, j] + l2;
                double updated = denominator > 0
                    ? SoftThreshold(c[j] - gramBeta[j] + gram[j, j] * beta[j], l1) / denominator
                    : 0.0;
                double delta = updated - beta[j];
                if (delta == 0)
                {
                    continue;
                }

                beta[j] = updated;
                for (int k = 0; k < p; k++)
                {
                    gramBeta[k] += gram[k, j] * delta;
                }

                maxChange = Math.Max(maxChange, Math.Abs(delta));
            }

            if (maxChange < options.Tolerance)
            {
                break;
            }
        }

        return beta;
    }

    private static double SoftThreshold(double u, double t) => u > t ? u - t : u < -t ? u + t : 0.0;
}

namespace MesoStream.Trainer.Models;

/// <summary>
/// Ridge: 1/(2n)‖y − Zβ‖² + α/2·‖β‖² on standardized features, by <see cref="CoordinateDescent"/> with ρ = 0; the
/// fixed point is the normal-equation solution (ZᵀZ/n + αI)β = Zᵀy/n. Default α = 0.001 (the penalty is per row:
/// scikit-learn's Ridge(alpha = a) is α = a/n here).
/// </summary>
public sealed class RidgeRegression(double alpha = 0.001, CoordinateDescentOptions? options = null) : LinearModel
{
    public override string Name => "ridge";

    public double Alpha => alpha;

    protected override double[] Solve(double[][] columns, double[] centredTarget) =>
        CoordinateDescent.Solve(columns, centredTarget, alpha, 0.0, options ?? new CoordinateDescentOptions());
}

/// <summary>Lasso: 1/(2n)‖y − Zβ‖² + α‖β‖₁ on standardized features (ρ = 1). Default α = 0.001 (target units).</summary>
public sealed class LassoRegression(double alpha = 0.001, CoordinateDescentOptions? options = null) : LinearModel
{
    public override string Name => "lasso";

    public double Alpha => alpha;

    protected override double[] Solve(double[][] columns, double[] centredTarget) =>
        CoordinateDescent.Solve(columns, centredTarget, alpha, 1.0, options ?? new CoordinateDescentOptions());
}

/// <summary>
/// Elastic net: 1/(2n)‖y − Zβ‖² + αρ‖β‖₁ + α(1 − ρ)/2‖β‖² on standardized features. Defaults α = 0.001, ρ = 0.5.
/// </summary>
public sealed class ElasticNetRegression(double alpha = 0.001, double l1Ratio = 0.5, CoordinateDescentOptions? options = null) : LinearModel
{
    public override string Name => "elastic-net";

    public double Alpha => alpha;

    public double L1Ratio => l1Ratio;

    protected override double[] Solve(double[][] columns, double[] centredTarget) =>
        CoordinateDescent.Solve(columns, centredTarget, alpha, l1Ratio, options ?? new CoordinateDescentOptions());
}

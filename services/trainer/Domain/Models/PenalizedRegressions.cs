using MathNet.Numerics.LinearAlgebra.Double;

namespace MesoStream.Trainer.Models;

/// <summary>
/// Ridge: 1/(2n)‖y − Zβ‖² + α/2·‖β‖² on standardized features, solved directly by Cholesky (MathNet): the primal normal
/// equations (ZᵀZ/n + αI)β = Zᵀy/n (<see cref="GramMatrix"/>) when rows outnumber features, else the dual form β = Zᵀ(ZZᵀ/n + αI)⁻¹y/n, the
/// smaller of the two systems. Coordinate descent reaches the same point but needs thousands of sweeps at small α on
/// the ill-conditioned 4950-feature design. Default α = 0.001 (per row: scikit-learn's Ridge(alpha = a) is α = a/n).
/// </summary>
public sealed class RidgeRegression(double alpha = 0.001) : LinearModel
{
    public override string Name => "ridge";

    public double Alpha => alpha;

    protected override double[] Solve(double[][] columns, double[] centredTarget)
    {
        int n = centredTarget.Length;
        if (columns.Length <= n)
        {
            var gram = DenseMatrix.OfArray(GramMatrix.Of(columns, n)) + alpha * DenseMatrix.CreateIdentity(columns.Length);
            return gram.Cholesky().Solve(DenseVector.OfArray(GramMatrix.Correlations(columns, centredTarget))).ToArray();
        }

        var z = DenseMatrix.OfColumnArrays(columns);
        var y = DenseVector.OfArray(centredTarget);
        var kernel = z.TransposeAndMultiply(z) / n + alpha * DenseMatrix.CreateIdentity(n);
        return (z.TransposeThisAndMultiply(kernel.Cholesky().Solve(y)) / n).ToArray();
    }
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

using MathNet.Numerics.LinearAlgebra.Double;

namespace MesoStream.Trainer.Models;

/// <summary>
/// L2-penalised logistic regression, P(y = 1 | x) = 1/(1 + e^(−(b + w·x))), fitted by Newton's method (IRLS) on
/// standardized features: minimise −(1/n)Σ[y ln p + (1 − y) ln(1 − p)] + λ/2·‖β‖² (intercept unpenalised). Few
/// features (tens), so each Newton step is one small Cholesky solve; the penalty keeps the fit finite when the classes
/// are separable. Weights are mapped back to raw feature units for serving.
/// </summary>
public sealed class LogisticRegression(double lambda = 1e-2, int maxIterations = 50)
{
    public double[] Weights { get; private set; } = [];

    public double Intercept { get; private set; }

    public void Fit(double[][] rows, bool[] labels)
    {
        int n = rows.Length, p = Data.Rows.FeatureCount(rows);
        var mean = new double[p];
        var scale = new double[p];
        for (int j = 0; j < p; j++)
        {
            mean[j] = rows.Average(r => r[j]);
            double sd = Math.Sqrt(rows.Average(r => (r[j] - mean[j]) * (r[j] - mean[j])));
            scale[j] = sd > 0 ? sd : 1;
        }

        // Column 0 is the intercept.
        var z = DenseMatrix.Create(n, p + 1, (i, j) => j == 0 ? 1 : (rows[i][j - 1] - mean[j - 1]) / scale[j - 1]);
        var y = DenseVector.Create(n, i => labels[i] ? 1 : 0);
        var beta = DenseVector.Create(p + 1, _ => 0);
        var penalty = DenseMatrix.CreateDiagonal(p + 1, p + 1, j => j == 0 ? 0 : lambda);
        for (int iteration = 0; iteration < maxIterations; iteration++)
        {
            var eta = z * beta;
            var prob = DenseVector.Create(n, i => 1 / (1 + Math.Exp(-eta[i])));
            var gradient = (DenseVector)((z.TransposeThisAndMultiply(prob - y) / n) + (penalty * beta));
            var w = DenseVector.Create(n, i => Math.Max(prob[i] * (1 - prob[i]), 1e-12));
            var weighted = DenseMatrix.Create(n, p + 1, (i, j) => z[i, j] * w[i]);
            var hessian = (z.TransposeThisAndMultiply(weighted) / n) + penalty + (1e-12 * DenseMatrix.CreateIdentity(p + 1));
            var step = hessian.Cholesky().Solve(gradient);
            beta = (DenseVector)(beta - step);
            if (step.AbsoluteMaximum() < 1e-9)
            {
                break;
            }
        }

        Weights = [.. Enumerable.Range(0, p).Select(j => beta[j + 1] / scale[j])];
        Intercept = beta[0] - Enumerable.Range(0, p).Sum(j => beta[j + 1] * mean[j] / scale[j]);
    }

    /// <summary>P(y = 1) per row.</summary>
    public double[] Probabilities(double[][] rows) =>
        [.. rows.Select(r => 1 / (1 + Math.Exp(-(Intercept + r.Select((x, j) => x * Weights[j]).Sum()))))];
}

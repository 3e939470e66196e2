using MesoStream.Trainer.Metrics;
using MathNet.Numerics.LinearAlgebra;
using MathNet.Numerics.LinearAlgebra.Double;
using MesoStream.Trainer.Models;

namespace MesoStream.Trainer.Tests;

public sealed class LinearModelTests
{
    private static readonly CoordinateDescentOptions Tight = new(Tolerance: 1e-14, MaxSweeps: 100_000);

    /// <summary>y = 1.5 + 3x₀ − 2x₃ + 0.5x₅ + noise over 8 correlated-ish features.</summary>
    private static (double[][] Rows, double[] Target) Problem(int n, double noise, int seed)
    {
        var random = new Random(seed);
        var rows = Synthetic.Uniform(n, 8, seed);
        foreach (var row in rows)
        {
            row[6] = row[0] + 0.5 * row[6];
            row[7] = 10 * row[7] - 4;
        }

        var target = rows.Select(x => 1.5 + 3 * x[0] - 2 * x[3] + 0.5 * x[5] + noise * Synthetic.Normal(random)).ToArray();
        return (rows, target);
    }

    /// <summary>Independent reference standardisation: z = (x − μ)/σ_pop, column by column.</summary>
    private static (Matrix<double> Z, double[] Means, double[] Scales) Standardize(double[][] rows)
    {
        var x = DenseMatrix.OfRowArrays(rows);
        var means = x.EnumerateColumns().Select(c => c.Average()).ToArray();
        var scales = x.EnumerateColumns().Select((c, j) => Math.Sqrt(c.Select(v => (v - means[j]) * (v - means[j])).Average())).ToArray();
        var z = DenseMatrix.Create(x.RowCount, x.ColumnCount, (i, j) => (x[i, j] - means[j]) / scales[j]);
        return (z, means, scales);
    }

    [Fact]
    public void OrdinaryLeastSquaresMatchesMathNetLeastSquaresOnTheRawDesign()
    {
        var (rows, target) = Problem(200, 0.1, 1);
        var model = new LinearRegression();
        model.Fit(rows, target);

        var design = DenseMatrix.Create(rows.Length, 9, (i, j) => j == 0 ? 1.0 : rows[i][j - 1]);
        var reference = design.Svd().Solve(DenseVector.OfArray(target));
        Assert.Equal(reference[0], model.Intercept, 1e-9);
        for (int j = 0; j < 8; j++)
        {
            Assert.Equal(reference[j + 1], model.Weights[j], 1e-9);
        }

        var predicted = model.Predict(rows);
        var expected = design * reference;
        for (int i = 0; i < rows.Length; i++)
        {
            Assert.Equal(expected[i], predicted[i], 1e-9);
        }
    }

    [Fact]
    public void RidgeMatchesTheNormalEquations()
    {
        var (rows, target) = Problem(150, 0.2, 2);
        const double alpha = 0.3;
        var model = new RidgeRegression(alpha);
        model.Fit(rows, target);

        var (z, means, scales) = Standardize(rows);
        double mean = target.Average();
        var y = DenseVector.OfArray([.. target.Select(v => v - mean)]);
        int n = rows.Length;
        var lhs = z.TransposeThisAndMultiply(z) / n + alpha * DenseMatrix.CreateIdentity(8);
        var beta = lhs.Cholesky().Solve(z.TransposeThisAndMultiply(y) / n);

        double intercept = mean;
        for (int j = 0; j < 8; j++)
        {
            Assert.Equal(beta[j], model.StandardizedCoefficients[j], 1e-8);
            Assert.Equal(beta[j] / scales[j], model.Weights[j], 1e-8);
            intercept -= beta[j] / scales[j] * means[j];
        }

        Assert.Equal(intercept, model.Intercept, 1e-8);
    }

    [Fact]
    public void RidgeWithMoreFeaturesThanRowsMatchesCoordinateDescent()
    {
        // The dual (n × n) solve against an independent method: coordinate descent to its tight tolerance.
        var random = new Random(11);
        var rows = Enumerable.Range(0, 40).Select(_ => Enumerable.Range(0, 60).Select(_ => random.NextDouble()).ToArray()).ToArray();
        var target = rows.Select(r => r[0] - 2 * r[5] + 0.5 * r[17] + 0.01 * random.NextDouble()).ToArray();
        const double alpha = 0.05;
        var model = new RidgeRegression(alpha);
        model.Fit(rows, target);

        var (z, _, _) = Standardize(rows);
        double mean = target.Average();
        var reference = CoordinateDescent.Solve(z.ToColumnArrays(), [.. target.Select(v => v - mean)], alpha, 0.0, Tight);
        for (int j = 0; j < 60; j++)
        {
            Assert.Equal(reference[j], model.StandardizedCoefficients[j], 1e-6);
        }
    }

    [Fact]
    public void LassoRecoversAKnownSparseSolution()
    {
        var (rows, target) = Problem(2000, 0.01, 3);
        var model = new LassoRegression(alpha: 0.002, Tight);
        model.Fit(rows, target);

        double[] truth = [3, 0, 0, -2, 0, 0.5, 0, 0];
        for (int j = 0; j < truth.Length; j++)
        {
            if (truth[j] == 0)
            {
                Assert.Equal(0.0, model.Weights[j]);
            }
            else
            {
                Assert.Equal(truth[j], model.Weights[j], 0.02);
            }
        }

        Assert.Equal(1.5, model.Intercept, 0.02);
    }

    [Fact]
    public void LassoSatisfiesTheKarushKuhnTuckerConditions()
    {
        // At the optimum of 1/(2n)‖y − Zβ‖² + λ‖β‖₁ (λ = α·σ_y): z_jᵀr/n = λ·sign(β_j) where β_j ≠ 0, |z_jᵀr/n| ≤ λ elsewhere.
        var (rows, target) = Problem(300, 0.5, 4);
        const double alpha = 0.05;
        var model = new LassoRegression(alpha, Tight);
        model.Fit(rows, target);

        var (z, _, _) = Standardize(rows);
        double mean = target.Average();
        var y = DenseVector.OfArray([.. target.Select(v => v - mean)]);
        double lambda = alpha * Math.Sqrt(y.DotProduct(y) / rows.Length);
        var residual = y - z * DenseVector.OfArray(model.StandardizedCoefficients);
        var gradient = z.TransposeThisAndMultiply(residual) / rows.Length;
        Assert.Contains(model.StandardizedCoefficients, b => b == 0);
        for (int j = 0; j < 8; j++)
        {
            double b = model.StandardizedCoefficients[j];
            if (b == 0)
            {
                Assert.True(Math.Abs(gradient[j]) <= lambda + 1e-10);
            }
            else
            {
                Assert.Equal(lambda * Math.Sign(b), gradient[j], 1e-10);
            }
        }
    }

    [Fact]
    public void ElasticNetLiesBetweenRidgeAndLassoShrinkage()
    {
        var (rows, target) = Problem(400, 0.1, 5);
        var net = new ElasticNetRegression(alpha: 0.01, l1Ratio: 0.5, Tight);
        net.Fit(rows, target);
        var ols = new LinearRegression();
        ols.Fit(rows, target);

        double netNorm = net.StandardizedCoefficients.Sum(Math.Abs);
        double olsNorm = ols.StandardizedCoefficients.Sum(Math.Abs);
        Assert.True(netNorm < olsNorm);
        Assert.True(Metrics.RegressionScores.R2(target, net.Predict(rows)) > 0.95);
    }
}

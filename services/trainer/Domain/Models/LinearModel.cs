using MesoStream.Contracts.Models;
using MesoStream.Trainer.Data;

namespace MesoStream.Trainer.Models;

/// <summary>
/// Shared shape of the linear family: coefficients β are solved on standardized features (<see cref="Standardizer"/>)
/// against the centred target, then mapped back to raw units, w_j = β_j/σ_j and b = ȳ − Σ w_j μ_j, so that
/// ŷ = b + Σ w_j x_j.
/// </summary>
public abstract class LinearModel : IRegressionModel
{
    private double[]? _weights;

    public abstract string Name { get; }

    /// <summary>Coefficients in raw feature units.</summary>
    public double[] Weights => _weights ?? throw new InvalidOperationException($"{Name} is not fitted");

    public double Intercept { get; private set; }

    /// <summary>Coefficients in standardized units (β).</summary>
    public double[] StandardizedCoefficients { get; private set; } = [];

    public void Fit(double[][] rows, double[] target)
    {
        if (rows.Length != target.Length)
        {
            throw new ArgumentException($"{rows.Length} rows but {target.Length} targets", nameof(target));
        }

        var standardizer = Standardizer.Fit(rows);
        var columns = standardizer.TransformColumns(rows);
        double mean = target.Average();
        var centred = target.Select(y => y - mean).ToArray();

        var beta = Solve(columns, centred);
        var weights = new double[beta.Length];
        double intercept = mean;
        for (int j = 0; j < beta.Length; j++)
        {
            weights[j] = beta[j] / standardizer.Scales[j];
            intercept -= weights[j] * standardizer.Means[j];
        }

        StandardizedCoefficients = beta;
        _weights = weights;
        Intercept = intercept;
    }

    public double[] Predict(double[][] rows)
    {
        var w = Weights;
        var result = new double[rows.Length];
        for (int i = 0; i < rows.Length; i++)
        {
            double sum = Intercept;
            var row = rows[i];
            for (int j = 0; j < w.Length; j++)
            {
                sum += w[j] * row[j];
            }

            result[i] = sum;
        }

        return result;
    }

    public Contracts.Models.ServingModel ToServingModel() => new Contracts.Models.LinearServingModel { Weights = Weights, Intercept = Intercept };

    /// <summary>β for standardized columns (<c>columns[feature][row]</c>, each mean 0) and a centred target.</summary>
    protected abstract double[] Solve(double[][] columns, double[] centredTarget);
}

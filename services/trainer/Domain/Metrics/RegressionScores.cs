using MesoStream.Contracts.Models;
using MesoStream.Trainer.Data;

namespace MesoStream.Trainer.Metrics;

/// <summary>
/// Computes the paper's accuracy measures (Eqs. 9–11, <see cref="RegressionMetrics"/>) for one model on one target: MAE = Σ|y − ŷ|/n (Eq. 9) and
/// R² = 1 − Σ(y − ŷ)²/Σ(y − ȳ)² (Eq. 10) on the training and the test rows, and the 5th/95th percentiles (<see cref="Percentile"/>)
/// of the signed relative error ε = (y − ŷ)/y (Eq. 11 with the paper's sign: positive when the model under-predicts; a
/// fraction; rows with y = 0 are skipped) on the test rows.
/// </summary>
public static class RegressionScores
{
    public static RegressionMetrics Metrics(double[] trainTrue, double[] trainPredicted, double[] testTrue, double[] testPredicted)
    {
        var relative = RelativeErrors(testTrue, testPredicted);
        return new RegressionMetrics(
            R2(trainTrue, trainPredicted),
            R2(testTrue, testPredicted),
            Mae(trainTrue, trainPredicted),
            Mae(testTrue, testPredicted),
            relative.Length > 0 ? Percentile.Of(relative, 5) : double.NaN,
            relative.Length > 0 ? Percentile.Of(relative, 95) : double.NaN);
    }

    /// <summary>Eq. 10 (the paper prints the denominator as Σ(ȳ − ŷ)²; the coefficient of determination it reports is Σ(y − ȳ)²).</summary>
    public static double R2(ReadOnlySpan<double> actual, ReadOnlySpan<double> predicted)
    {
        CheckLengths(actual, predicted);
        double mean = 0;
        foreach (var y in actual)
        {
            mean += y;
        }

        mean /= actual.Length;
        double residual = 0, total = 0;
        for (int i = 0; i < actual.Length; i++)
        {
            residual += (actual[i] - predicted[i]) * (actual[i] - predicted[i]);
            total += (actual[i] - mean) * (actual[i] - mean);
        }

        return 1.0 - residual / total;
    }

    /// <summary>Eq. 10 on ln y against ln ŷ over the rows where both are positive (NaN if fewer than two): τ's log-scale accuracy.</summary>
    public static double R2Log(ReadOnlySpan<double> actual, ReadOnlySpan<double> predicted)
    {
        CheckLengths(actual, predicted);
        var logActual = new List<double>(actual.Length);
        var logPredicted = new List<double>(actual.Length);
        for (int i = 0; i < actual.Length; i++)
        {
            if (actual[i] > 0 && predicted[i] > 0)
            {
                logActual.Add(Math.Log(actual[i]));
                logPredicted.Add(Math.Log(predicted[i]));
            }
        }

        return logActual.Count < 2 ? double.NaN : R2([.. logActual], [.. logPredicted]);
    }

    /// <summary>Eq. 9.</summary>
    public static double Mae(ReadOnlySpan<double> actual, ReadOnlySpan<double> predicted)
    {
        CheckLengths(actual, predicted);
        double sum = 0;
        for (int i = 0; i < actual.Length; i++)
        {
            sum += Math.Abs(actual[i] - predicted[i]);
        }

        return sum / actual.Length;
    }

    /// <summary>Eq. 11: ε_i = (y_i − ŷ_i)/y_i for every y_i ≠ 0.</summary>
    public static double[] RelativeErrors(ReadOnlySpan<double> actual, ReadOnlySpan<double> predicted)
    {
        CheckLengths(actual, predicted);
        var result = new List<double>(actual.Length);
        for (int i = 0; i < actual.Length; i++)
        {
            if (actual[i] != 0)
            {
                result.Add((actual[i] - predicted[i]) / actual[i]);
            }
        }

        return [.. result];
    }

    private static void CheckLengths(ReadOnlySpan<double> actual, ReadOnlySpan<double> predicted)
    {
        if (actual.Length != predicted.Length || actual.IsEmpty)
        {
            throw new ArgumentException($"need equal, non-empty samples; got {actual.Length} and {predicted.Length}");
        }
    }
}

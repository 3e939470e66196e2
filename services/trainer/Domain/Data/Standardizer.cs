namespace MesoStream.Trainer.Data;

/// <summary>
/// Per-feature z-score z = (x − μ)/σ with the mean and the population standard deviation of the rows it was fitted
/// on. A constant feature (σ = 0) maps to 0 everywhere (its scale is taken as 1), so it can never carry weight.
/// </summary>
public sealed class Standardizer
{
    private Standardizer(double[] means, double[] scales)
    {
        Means = means;
        Scales = scales;
    }

    public double[] Means { get; }

    public double[] Scales { get; }

    public static Standardizer Fit(double[][] rows)
    {
        int p = Rows.FeatureCount(rows);
        var means = new double[p];
        var scales = new double[p];
        for (int j = 0; j < p; j++)
        {
            double mean = 0;
            foreach (var row in rows)
            {
                mean += row[j];
            }

            mean /= rows.Length;
            double sumSquares = 0;
            foreach (var row in rows)
            {
                double d = row[j] - mean;
                sumSquares += d * d;
            }

            double sd = Math.Sqrt(sumSquares / rows.Length);
            means[j] = mean;
            scales[j] = sd > 0 ? sd : 1.0;
        }

        return new Standardizer(means, scales);
    }

    /// <summary>The standardized table, column-major: <c>result[feature][row]</c>.</summary>
    public double[][] TransformColumns(double[][] rows)
    {
        var columns = new double[Means.Length][];
        for (int j = 0; j < columns.Length; j++)
        {
            var column = new double[rows.Length];
            double mean = Means[j], scale = Scales[j];
            for (int i = 0; i < rows.Length; i++)
            {
                column[i] = (rows[i][j] - mean) / scale;
            }

            columns[j] = column;
        }

        return columns;
    }
}

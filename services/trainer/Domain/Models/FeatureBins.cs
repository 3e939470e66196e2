namespace MesoStream.Trainer.Models;

/// <summary>
/// Features quantised once for histogram tree growing (as in LightGBM/XGBoost "hist"): per feature at most
/// <see cref="MaxBins"/> bins, each a run of consecutive distinct values, stored column-major as one byte per row.
/// A feature with ≤ 256 distinct values gets one bin per value, so every split exact CART could make is still
/// available; beyond that the bins hold equal numbers of rows. Each bin keeps its smallest and largest value, so a
/// split between two bins can use the midpoint of the values actually present, as exact CART does.
/// Built once per table and shared by every tree of an ensemble (AdaBoost.R2 re-weights rows, never features).
/// </summary>
public sealed class FeatureBins
{
    public const int MaxBins = 256;

    private FeatureBins(byte[][] bins, double[][] lowest, double[][] highest, int rows)
    {
        Bins = bins;
        Lowest = lowest;
        Highest = highest;
        RowCount = rows;
    }

    /// <summary><c>Bins[feature][row]</c>: the row's bin.</summary>
    public byte[][] Bins { get; }

    /// <summary><c>Lowest[feature][bin]</c>: the smallest value in the bin.</summary>
    public double[][] Lowest { get; }

    /// <summary><c>Highest[feature][bin]</c>: the largest value in the bin.</summary>
    public double[][] Highest { get; }

    public int RowCount { get; }

    public int FeatureCount => Bins.Length;

    public static FeatureBins Build(double[][] rows)
    {
        int n = rows.Length, p = Data.Rows.FeatureCount(rows);
        var bins = new byte[p][];
        var lowest = new double[p][];
        var highest = new double[p][];
        Parallel.For(0, p, f =>
        {
            var values = new double[n];
            var order = new int[n];
            for (int i = 0; i < n; i++)
            {
                values[i] = rows[i][f];
                order[i] = i;
            }

            Array.Sort(values, order);
            int distinct = 1;
            for (int k = 1; k < n; k++)
            {
                if (values[k] != values[k - 1])
                {
                    distinct++;
                }
            }

            var column = new byte[n];
            var low = new List<double>();
            var high = new List<double>();
            int bin = -1;
            for (int k = 0; k < n; k++)
            {
                bool newValue = k == 0 || values[k] != values[k - 1];
                // Distinct values ≤ 256: a bin per value. Otherwise open a new bin at the first new value past the
                // next equal-count boundary (never splitting a run of equal values).
                if (newValue && (distinct <= MaxBins || bin < 0 || (k >= (long)(bin + 1) * n / MaxBins && bin < MaxBins - 1)))
                {
                    bin++;
                    low.Add(values[k]);
                    high.Add(values[k]);
                }

                high[bin] = values[k];
                column[order[k]] = (byte)bin;
            }

            bins[f] = column;
            lowest[f] = [.. low];
            highest[f] = [.. high];
        });

        return new FeatureBins(bins, lowest, highest, n);
    }
}

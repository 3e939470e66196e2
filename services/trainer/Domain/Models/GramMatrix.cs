using System.Numerics;

namespace MesoStream.Trainer.Models;

/// <summary>
/// G = ZᵀZ/n and c = Zᵀy/n for column-major standardized features — the inputs of ridge, the lasso/elastic net
/// coordinate descent and the normal equations of OLS. Written by hand because it dominates the linear family at the
/// paper's size (13,600 rows × ~600 features: 2.5·10⁹ multiply-adds): only the upper triangle is computed, each entry
/// a SIMD dot product of two contiguous columns, rows of G in parallel (interleaved so both cores get equal work).
/// </summary>
internal static class GramMatrix
{
    public static double[,] Of(double[][] columns, int rows)
    {
        int p = columns.Length;
        var gram = new double[p, p];
        Parallel.For(0, p, j =>
        {
            for (int k = j; k < p; k++)
            {
                double value = Dot(columns[j], columns[k]) / rows;
                gram[j, k] = value;
                gram[k, j] = value;
            }
        });
        return gram;
    }

    public static double[] Correlations(double[][] columns, double[] target) =>
        [.. columns.Select(column => Dot(column, target) / target.Length)];

    internal static double Dot(ReadOnlySpan<double> a, ReadOnlySpan<double> b)
    {
        var acc0 = Vector<double>.Zero;
        var acc1 = Vector<double>.Zero;
        int width = Vector<double>.Count, i = 0;
        for (; i <= a.Length - 2 * width; i += 2 * width)
        {
            acc0 += new Vector<double>(a[i..]) * new Vector<double>(b[i..]);
            acc1 += new Vector<double>(a[(i + width)..]) * new Vector<double>(b[(i + width)..]);
        }

        double sum = Vector.Sum(acc0 + acc1);
        for (; i < a.Length; i++)
        {
            sum += a[i] * b[i];
        }

        return sum;
    }
}

using System.Runtime.CompilerServices;

namespace MesoStream.Solver.Numerics;

/// <summary>
/// Exact solve on the coarsest level: a dense Cholesky factor (double) of the operator restricted to the cells
/// inside the solve. The coarsest level is a few hundred cells at most, so this is cheap and removes the slowest
/// error modes that smoothing alone would leave.
/// </summary>
internal sealed class DenseCholesky
{
    private readonly StencilLevel _level;
    private readonly int[] _cells;
    private readonly double[] _factor;
    private readonly double[] _work;

    public DenseCholesky(StencilLevel level)
    {
        _level = level;
        var cells = new List<int>();
        var compact = new Dictionary<int, int>();
        for (int z = 0; z < level.Nz; z++)
        {
            for (int y = 0; y < level.Ny; y++)
            {
                for (int x = 0; x < level.Nx; x++)
                {
                    int i = level.Index(x, y, z);
                    if (level.IsInside(i))
                    {
                        compact[i] = cells.Count;
                        cells.Add(i);
                    }
                }
            }
        }

        _cells = [.. cells];
        int m = _cells.Length;
        _factor = new double[m * m];
        _work = new double[m];
        for (int row = 0; row < m; row++)
        {
            int i = _cells[row];
            _factor[row * m + row] = level.Diagonal(i);
            Couple(i + 1, level.FaceX(i));
            Couple(i + level.RowStride, level.FaceY(i));
            Couple(i + level.Plane, level.FaceZ(i));

            void Couple(int j, double g)
            {
                if (g != 0 && compact.TryGetValue(j, out int col))
                {
                    _factor[row * m + col] = -g;
                    _factor[col * m + row] = -g;
                }
            }
        }

        Factor(_factor, m);
    }

    /// <summary>Lower-triangular in-place Cholesky, A = L·Lᵀ (row-major, L in the lower triangle).</summary>
    private static void Factor(double[] a, int m)
    {
        for (int j = 0; j < m; j++)
        {
            double diagonal = a[j * m + j];
            for (int k = 0; k < j; k++)
            {
                diagonal -= a[j * m + k] * a[j * m + k];
            }

            if (!(diagonal > 0))
            {
                throw new InvalidOperationException("coarsest multigrid operator is not positive definite");
            }

            double ljj = Math.Sqrt(diagonal);
            a[j * m + j] = ljj;
            for (int i = j + 1; i < m; i++)
            {
                double s = a[i * m + j];
                for (int k = 0; k < j; k++)
                {
                    s -= a[i * m + k] * a[j * m + k];
                }

                a[i * m + j] = s / ljj;
            }
        }
    }

    /// <summary>x = A⁻¹·b on the cells inside the solve; x is left zero elsewhere.</summary>
    // AggressiveOptimization: runs on every visit of the coarsest level, from the first cycle of a process on.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void Solve(float[] b, float[] x)
    {
        int m = _cells.Length;
        var l = _factor;
        var y = _work;
        for (int i = 0; i < m; i++)
        {
            double s = b[_cells[i]];
            for (int k = 0; k < i; k++)
            {
                s -= l[i * m + k] * y[k];
            }

            y[i] = s / l[i * m + i];
        }

        for (int i = m - 1; i >= 0; i--)
        {
            double s = y[i];
            for (int k = i + 1; k < m; k++)
            {
                s -= l[k * m + i] * y[k];
            }

            y[i] = s / l[i * m + i];
        }

        Array.Clear(x);
        for (int i = 0; i < m; i++)
        {
            x[_cells[i]] = (float)y[i];
        }
    }
}

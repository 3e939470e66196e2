using MathNet.Numerics.LinearAlgebra;
using MathNet.Numerics.LinearAlgebra.Double;
using MathNet.Numerics.LinearAlgebra.Double.Solvers;
using MathNet.Numerics.LinearAlgebra.Solvers;
using MesoStream.Contracts.Structures;
using MesoStream.Solver.Transport;

namespace MesoStream.Solver.Tests;

/// <summary>
/// An independent double-precision reference for D_eff/D0: its own connectivity search (union–find), its own
/// assembly into a MathNet sparse matrix, and a dense Cholesky (small systems) or tightly converged Jacobi-preconditioned BiCGStab.
/// </summary>
internal static class ReferenceSolver
{
    public static double EffectiveDiffusivity(VoxelGrid g, Func<byte, double> conductivity, Axis axis)
    {
        int nx = g.Nx, ny = g.Ny, nz = g.Nz, count = nx * ny * nz;
        int[] coord(int i) => [i % nx, i / nx % ny, i / (nx * ny)];
        int axisIndex = (int)axis;
        int n = new[] { nx, ny, nz }[axisIndex];
        double k(int i) => conductivity(g.Labels[i]);

        // Union–find over conducting voxels plus two virtual nodes: inlet (count) and outlet (count + 1).
        var parent = Enumerable.Range(0, count + 2).ToArray();
        int Find(int a)
        {
            while (parent[a] != a)
            {
                parent[a] = parent[parent[a]];
                a = parent[a];
            }

            return a;
        }

        void Union(int a, int b) => parent[Find(a)] = Find(b);
        int[] strides = [1, nx, nx * ny];
        for (int i = 0; i < count; i++)
        {
            if (k(i) == 0) continue;
            var c = coord(i);
            for (int d = 0; d < 3; d++)
            {
                if (c[d] + 1 < new[] { nx, ny, nz }[d] && k(i + strides[d]) > 0) Union(i, i + strides[d]);
            }

            if (c[axisIndex] == 0) Union(i, count);
            if (c[axisIndex] == n - 1) Union(i, count + 1);
        }

        if (Find(count) != Find(count + 1))
        {
            return 0;
        }

        var index = new Dictionary<int, int>();
        for (int i = 0; i < count; i++)
        {
            if (k(i) > 0 && Find(i) == Find(count)) index[i] = index.Count;
        }

        int m = index.Count;
        var entries = new List<(int, int, double)>();
        var b = new double[m];
        var diagonal = new double[m];
        foreach (var (i, row) in index)
        {
            var c = coord(i);
            for (int d = 0; d < 3; d++)
            {
                foreach (int step in new[] { -1, 1 })
                {
                    int cd = c[d] + step;
                    if (cd < 0 || cd >= new[] { nx, ny, nz }[d]) continue;
                    int j = i + step * strides[d];
                    if (!index.TryGetValue(j, out int col)) continue;
                    double face = 2 * k(i) * k(j) / (k(i) + k(j));
                    diagonal[row] += face;
                    entries.Add((row, col, -face));
                }
            }

            if (c[axisIndex] == 0)
            {
                diagonal[row] += 2 * k(i);
                b[row] = 2 * k(i);
            }

            if (c[axisIndex] == n - 1) diagonal[row] += 2 * k(i);
        }

        for (int row = 0; row < m; row++) entries.Add((row, row, diagonal[row]));
        var a = SparseMatrix.OfIndexed(m, m, entries);
        var rhs = DenseVector.OfArray(b);
        Vector<double> solution;
        if (m <= 1500)
        {
            solution = DenseMatrix.OfMatrix(a).Cholesky().Solve(rhs);
        }
        else
        {
            solution = DenseVector.Create(m, 0);
            var iterator = new Iterator<double>(new IterationCountStopCriterion<double>(20_000), new ResidualStopCriterion<double>(1e-13));
            new BiCgStab().Solve(a, rhs, solution, iterator, new DiagonalPreconditioner());
            Assert.Equal(IterationStatus.Converged, iterator.Status);
        }

        double flux = 0;
        foreach (var (i, row) in index)
        {
            if (coord(i)[axisIndex] == 0) flux += 2 * k(i) * (1 - solution[row]);
        }

        int[] dims = [nx, ny, nz];
        double area = (double)count / n;
        return flux * n / area;
    }
}

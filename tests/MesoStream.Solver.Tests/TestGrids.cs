using MesoStream.Contracts.Structures;

namespace MesoStream.Solver.Tests;

/// <summary>Small hand-built structures with known answers.</summary>
internal static class TestGrids
{
    public static VoxelGrid Build(int nx, int ny, int nz, Func<int, int, int, byte> label)
    {
        var labels = new byte[nx * ny * nz];
        for (int z = 0; z < nz; z++)
        {
            for (int y = 0; y < ny; y++)
            {
                for (int x = 0; x < nx; x++)
                {
                    labels[x + nx * (y + ny * z)] = label(x, y, z);
                }
            }
        }

        return new VoxelGrid(nx, ny, nz, 1.0, labels);
    }

    /// <summary>The grid with axes permuted: new (x, y, z) = old (perm[0], perm[1], perm[2]) coordinates.</summary>
    public static VoxelGrid Permute(VoxelGrid g, int[] perm)
    {
        int[] n = [g.Nx, g.Ny, g.Nz];
        return Build(n[perm[0]], n[perm[1]], n[perm[2]], (x, y, z) =>
        {
            var old = new int[3];
            old[perm[0]] = x;
            old[perm[1]] = y;
            old[perm[2]] = z;
            return g[old[0], old[1], old[2]];
        });
    }

    /// <summary>Independent random voxels: pore with probability ε, binder 0.1, active material the rest (site percolation).</summary>
    public static VoxelGrid Random(int n, double porosity, int seed)
    {
        var random = new Random(seed);
        return Build(n, n, n, (_, _, _) =>
        {
            double u = random.NextDouble();
            return u < porosity ? VoxelLabels.Pore : u < porosity + 0.1 ? VoxelLabels.Binder : VoxelLabels.ActiveMaterial;
        });
    }
}

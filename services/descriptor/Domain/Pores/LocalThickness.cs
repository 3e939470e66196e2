using System.Numerics;
using MesoStream.Contracts.Structures;

namespace MesoStream.Descriptor.Pores;

/// <summary>
/// Local thickness of the pore space (Hildebrand &amp; Rüegsegger 1997; the c-PSD of Münch &amp; Holzer 2008), exact on
/// the voxel lattice. With D(c) the squared distance from pore voxel c to the nearest solid voxel centre
/// (<see cref="DistanceTransform"/>), the ball of c is the voxel centres q with |q − c|² &lt; D(c) — all pore. The local
/// thickness of pore voxel p is the largest √D(c) over the balls that contain p: a radius, in voxel units.
/// <para>
/// A slab pore W voxels wide has radius W/2 for even W and (W + 1)/2 for odd W; a spherical pore of radius r has ≈ r.
/// </para>
/// <para>
/// Algorithm: only ridge centres are painted — those whose ball is not contained in the ball of a 26-neighbour
/// (checked exactly by <see cref="BallTable"/>). A skipped ball lies in a strictly larger neighbour ball, which by
/// induction lies in a painted one, so the maximum is unchanged. Painting is a max over x-runs, parallel over z-planes.
/// </para>
/// </summary>
public static class LocalThickness
{
    /// <summary>Squared local-thickness radius per voxel (voxel units²); 0 on solid voxels.</summary>
    public static int[] SquaredRadii(VoxelGrid grid, int[] squaredDistance)
    {
        ArgumentNullException.ThrowIfNull(grid);
        ArgumentNullException.ThrowIfNull(squaredDistance);
        int nx = grid.Nx, ny = grid.Ny, nz = grid.Nz;
        int maxD = 0;
        foreach (int d in squaredDistance)
        {
            if (d == DistanceTransform.Infinite)
            {
                throw new InvalidOperationException("the grid holds no solid voxel: pore balls are unbounded");
            }

            maxD = Math.Max(maxD, d);
        }

        var table = new BallTable(Math.Max(maxD, 1));
        var ridgeByPlane = RidgeCentres(squaredDistance, table, nx, ny, nz);
        int reach = 0;
        foreach (var plane in ridgeByPlane)
        {
            foreach (int c in plane)
            {
                reach = Math.Max(reach, table.Rows(squaredDistance[c]).Radius);
            }
        }

        var thickness = new int[squaredDistance.Length];
        Parallel.For(0, nz, z =>
        {
            for (int cz = Math.Max(0, z - reach); cz <= Math.Min(nz - 1, z + reach); cz++)
            {
                foreach (int c in ridgeByPlane[cz])
                {
                    PaintPlane(thickness, c, squaredDistance[c], table.Rows(squaredDistance[c]), z, nx, ny);
                }
            }
        });
        return thickness;
    }

    /// <summary>Pore voxels whose ball is not inside a 26-neighbour's ball, grouped by z.</summary>
    private static int[][] RidgeCentres(int[] d2, BallTable table, int nx, int ny, int nz)
    {
        var byPlane = new int[nz][];
        Parallel.For(0, nz, z =>
        {
            var ridge = new List<int>();
            for (int y = 0; y < ny; y++)
            {
                for (int x = 0; x < nx; x++)
                {
                    int c = x + nx * (y + ny * z);
                    if (d2[c] > 0 && !FitsInAnyNeighbour(d2, table, x, y, z, nx, ny, nz))
                    {
                        ridge.Add(c);
                    }
                }
            }

            byPlane[z] = [.. ridge];
        });
        return byPlane;
    }

    private static bool FitsInAnyNeighbour(int[] d2, BallTable table, int x, int y, int z, int nx, int ny, int nz)
    {
        int d = d2[x + nx * (y + ny * z)];
        for (int ez = -1; ez <= 1; ez++)
        {
            int zz = z + ez;
            if ((uint)zz >= (uint)nz)
            {
                continue;
            }

            for (int ey = -1; ey <= 1; ey++)
            {
                int yy = y + ey;
                if ((uint)yy >= (uint)ny)
                {
                    continue;
                }

                for (int ex = -1; ex <= 1; ex++)
                {
                    int xx = x + ex;
                    int axes = Math.Abs(ex) + Math.Abs(ey) + Math.Abs(ez);
                    if ((uint)xx >= (uint)nx || axes == 0)
                    {
                        continue;
                    }

                    int neighbour = d2[xx + nx * (yy + ny * zz)];
                    if (neighbour > d && table.FitsInNeighbour(d, neighbour, axes))
                    {
                        return true;
                    }
                }
            }
        }

        return false;
    }

    /// <summary>thickness = max(thickness, D) over the part of centre c's ball lying in plane z.</summary>
    private static void PaintPlane(int[] thickness, int c, int d, BallRows rows, int z, int nx, int ny)
    {
        int cx = c % nx, cy = c / nx % ny, cz = c / (nx * ny);
        int dz = z - cz;
        if (dz < -rows.Radius || dz > rows.Radius)
        {
            return;
        }

        var fill = new Vector<int>(d);
        for (int r = rows.PlaneStart(dz), end = rows.PlaneStart(dz + 1); r < end; r++)
        {
            int y = cy + rows.Dy[r];
            if ((uint)y >= (uint)ny)
            {
                continue;
            }

            int x0 = Math.Max(0, cx - rows.Hx[r]);
            int x1 = Math.Min(nx - 1, cx + rows.Hx[r]);
            var run = thickness.AsSpan(x0 + nx * (y + ny * z), x1 - x0 + 1);
            int i = 0;
            for (; i <= run.Length - Vector<int>.Count; i += Vector<int>.Count)
            {
                var slot = run.Slice(i, Vector<int>.Count);
                Vector.Max(new Vector<int>(slot), fill).CopyTo(slot);
            }

            for (; i < run.Length; i++)
            {
                run[i] = Math.Max(run[i], d);
            }
        }
    }
}

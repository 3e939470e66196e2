using System.Runtime.CompilerServices;
namespace MesoStream.Solver.Transport;

/// <summary>
/// Finds the conducting voxels connected (6-connectivity, within the phase) to both Dirichlet faces. Only those carry
/// flux; an isolated cluster or a dead end attached to one face only would leave its block of the system singular
/// (pure Neumann) or carry no flux, so they are excluded before the solve.
/// </summary>
public static class PercolationAnalysis
{
    /// <summary>
    /// Marks with 1 the voxels of <paramref name="conducting"/> (non-zero = conducting, x fastest) that a path inside
    /// the phase links to both faces normal to <paramref name="axis"/>. Returns how many there are.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static long FindPercolatingVoxels(ReadOnlySpan<byte> conducting, int nx, int ny, int nz, Axis axis, Span<byte> percolating)
    {
        long count = (long)nx * ny * nz;
        if (conducting.Length != count || percolating.Length != count)
        {
            throw new ArgumentException($"masks must hold {nx}×{ny}×{nz} voxels");
        }

        // Two floods (one per face, run concurrently) with explicit seed stacks: iterative, O(N), no recursion depth
        // limit. A voxel percolates exactly when both floods reach it, because connectivity is an equivalence
        // relation. The floods run on a copy of the mask with a one-voxel non-conducting border, so a neighbour is
        // one array offset away and needs no coordinate arithmetic or bounds test.
        var padded = new Padded(nx, ny, nz);
        var mask = padded.Embed(conducting);
        var fromInlet = new byte[mask.Length];
        var fromOutlet = new byte[mask.Length];
        Parallel.Invoke(
            () => Flood(mask, padded, axis, inlet: true, fromInlet),
            () => Flood(mask, padded, axis, inlet: false, fromOutlet));

        long percolatingCount = 0;
        for (int z = 0; z < nz; z++)
        {
            for (int y = 0; y < ny; y++)
            {
                int source = padded.Index(0, y, z);
                int target = nx * (y + ny * z);
                for (int x = 0; x < nx; x++)
                {
                    byte both = (byte)(fromInlet[source + x] & fromOutlet[source + x]);
                    percolating[target + x] = both;
                    percolatingCount += both;
                }
            }
        }

        return percolatingCount;
    }

    /// <summary>The (nx + 2)·(ny + 2)·(nz + 2) layout of a mask with a one-voxel border.</summary>
    private readonly record struct Padded(int Nx, int Ny, int Nz)
    {
        public int Row => Nx + 2;
        public int Plane => Row * (Ny + 2);
        public int Index(int x, int y, int z) => x + 1 + Row * (y + 1) + Plane * (z + 1);

        public byte[] Embed(ReadOnlySpan<byte> mask)
        {
            var padded = new byte[Plane * (Nz + 2)];
            for (int z = 0; z < Nz; z++)
            {
                for (int y = 0; y < Ny; y++)
                {
                    mask.Slice(Nx * (y + Ny * z), Nx).CopyTo(padded.AsSpan(Index(0, y, z), Nx));
                }
            }

            return padded;
        }
    }

    /// <summary>
    /// Scanline flood fill (Smith 1979, "Tint fill"): a popped seed grows to the whole unreached run of conducting
    /// voxels along x, which is marked at once; the four rows beside the run (±y, ±z) are then scanned left to right
    /// and every unreached run met there is pushed as one seed. Memory is walked along rows, not voxel by voxel.
    /// </summary>
    // AggressiveOptimization: runs once per solve, too rarely for tiered compilation to optimise it in time.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Flood(byte[] conducting, Padded grid, Axis axis, bool inlet, byte[] reached)
    {
        var seeds = new List<int>();
        int n = axis switch { Axis.X => grid.Nx, Axis.Y => grid.Ny, _ => grid.Nz };
        int layer = inlet ? 0 : n - 1;
        var (na, nb) = axis switch { Axis.X => (grid.Ny, grid.Nz), Axis.Y => (grid.Nx, grid.Nz), _ => (grid.Nx, grid.Ny) };
        for (int b = 0; b < nb; b++)
        {
            for (int a = 0; a < na; a++)
            {
                seeds.Add(axis switch { Axis.X => grid.Index(layer, a, b), Axis.Y => grid.Index(a, layer, b), _ => grid.Index(a, b, layer) });
            }
        }

        ReadOnlySpan<int> besides = [-grid.Row, grid.Row, -grid.Plane, grid.Plane];
        while (seeds.Count > 0)
        {
            int i = seeds[^1];
            seeds.RemoveAt(seeds.Count - 1);
            if (!Open(i, conducting, reached))
            {
                continue;
            }

            // The border around the mask is non-conducting, so every run ends inside the array.
            int left = i, right = i;
            while (Open(left - 1, conducting, reached))
            {
                left--;
            }

            while (Open(right + 1, conducting, reached))
            {
                right++;
            }

            reached.AsSpan(left, right - left + 1).Fill(1);
            foreach (int offset in besides)
            {
                bool inRun = false;
                for (int j = left + offset; j <= right + offset; j++)
                {
                    bool open = Open(j, conducting, reached);
                    if (open && !inRun)
                    {
                        seeds.Add(j);
                    }

                    inRun = open;
                }
            }
        }
    }

    private static bool Open(int i, byte[] conducting, byte[] reached) => (conducting[i] & (reached[i] ^ 1)) != 0;
}

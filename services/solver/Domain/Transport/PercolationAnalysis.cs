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
    public static long FindPercolatingVoxels(ReadOnlySpan<byte> conducting, int nx, int ny, int nz, Axis axis, Span<byte> percolating)
    {
        long count = (long)nx * ny * nz;
        if (conducting.Length != count || percolating.Length != count)
        {
            throw new ArgumentException($"masks must hold {nx}×{ny}×{nz} voxels");
        }

        // Two breadth-first floods (one per face) with an explicit queue: iterative, O(N), no recursion depth limit.
        // A voxel percolates exactly when both floods reach it, because connectivity is an equivalence relation.
        var fromInlet = new byte[count];
        var queue = new int[count];
        Flood(conducting, nx, ny, nz, axis, inlet: true, fromInlet, queue);
        var fromOutlet = new byte[count];
        Flood(conducting, nx, ny, nz, axis, inlet: false, fromOutlet, queue);

        long percolatingCount = 0;
        for (int i = 0; i < count; i++)
        {
            byte both = (byte)(fromInlet[i] & fromOutlet[i]);
            percolating[i] = both;
            percolatingCount += both;
        }

        return percolatingCount;
    }

    private static void Flood(ReadOnlySpan<byte> conducting, int nx, int ny, int nz, Axis axis, bool inlet, byte[] reached, int[] queue)
    {
        int plane = nx * ny;
        int head = 0;
        int tail = 0;
        int n = axis switch { Axis.X => nx, Axis.Y => ny, _ => nz };
        int layer = inlet ? 0 : n - 1;

        // Seed with the conducting voxels of the face layer.
        for (int z = 0; z < nz; z++)
        {
            for (int y = 0; y < ny; y++)
            {
                for (int x = 0; x < nx; x++)
                {
                    int along = axis switch { Axis.X => x, Axis.Y => y, _ => z };
                    if (along == layer)
                    {
                        Visit(x + nx * y + plane * z, conducting, reached, queue, ref tail);
                    }
                }
            }
        }

        while (head < tail)
        {
            int i = queue[head++];
            int z = i / plane;
            int rem = i - z * plane;
            int y = rem / nx;
            int x = rem - y * nx;
            if (x > 0) Visit(i - 1, conducting, reached, queue, ref tail);
            if (x < nx - 1) Visit(i + 1, conducting, reached, queue, ref tail);
            if (y > 0) Visit(i - nx, conducting, reached, queue, ref tail);
            if (y < ny - 1) Visit(i + nx, conducting, reached, queue, ref tail);
            if (z > 0) Visit(i - plane, conducting, reached, queue, ref tail);
            if (z < nz - 1) Visit(i + plane, conducting, reached, queue, ref tail);
        }
    }

    private static void Visit(int j, ReadOnlySpan<byte> conducting, byte[] reached, int[] queue, ref int tail)
    {
        if (reached[j] == 0 && conducting[j] != 0)
        {
            reached[j] = 1;
            queue[tail++] = j;
        }
    }
}

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

        // The labelling marks planes in parallel, which needs an array; a caller's span gets a copy.
        var marks = new byte[count];
        long found = ConnectedComponents.Label(conducting, nx, ny, nz).MarkPercolating(axis, marks, MaskLayout.Dense(nx, ny));
        marks.CopyTo(percolating);
        return found;
    }
}

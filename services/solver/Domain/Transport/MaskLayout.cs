namespace MesoStream.Solver.Transport;

/// <summary>
/// Where voxel (x, y, z) of a mask lies in its array (Offset + x + RowStride·y + PlaneStride·z) and the value that
/// marks it: the grid's own dense layout with 1, or a solver level's padded layout with its inside bit, so the
/// percolating voxels can be written straight into the operator's diagonal instead of a separate mask.
/// </summary>
internal readonly record struct MaskLayout(int Offset, int RowStride, int PlaneStride, byte Value)
{
    /// <summary>x fastest, no padding, marked with 1.</summary>
    public static MaskLayout Dense(int nx, int ny) => new(0, nx, nx * ny, 1);
}

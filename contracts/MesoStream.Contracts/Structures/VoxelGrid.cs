namespace MesoStream.Contracts.Structures;

/// <summary>
/// A segmented 3-D volume: uint8 labels, x fastest (index = x + Nx·(y + Ny·z), i.e. a numpy array of shape
/// (Nz, Ny, Nx) in C order), with the voxel edge length in µm. Labels follow <see cref="VoxelLabels"/>.
/// </summary>
public sealed class VoxelGrid
{
    public VoxelGrid(int nx, int ny, int nz, double voxelUm, byte[] labels)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(nx, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(ny, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(nz, 1);
        if (!double.IsFinite(voxelUm) || voxelUm <= 0)
        {
            throw new ArgumentOutOfRangeException(nameof(voxelUm), voxelUm, "voxel size must be a positive finite number of µm");
        }

        ArgumentNullException.ThrowIfNull(labels);
        if (labels.LongLength != (long)nx * ny * nz)
        {
            throw new ArgumentException($"labels hold {labels.LongLength} voxels but {nx}×{ny}×{nz} = {(long)nx * ny * nz} were expected", nameof(labels));
        }

        Nx = nx;
        Ny = ny;
        Nz = nz;
        VoxelUm = voxelUm;
        Labels = labels;
    }

    public int Nx { get; }
    public int Ny { get; }
    public int Nz { get; }
    public double VoxelUm { get; }

    /// <summary>The labels, x fastest. Owned by the grid; callers that change them own the consequences.</summary>
    public byte[] Labels { get; }

    public long VoxelCount => Labels.LongLength;

    public int Index(int x, int y, int z) => x + Nx * (y + Ny * z);

    public byte this[int x, int y, int z] => Labels[Index(x, y, z)];

    /// <summary>Volume fraction of voxels carrying <paramref name="label"/>.</summary>
    public double Fraction(byte label)
    {
        long count = Labels.AsSpan().Count(label);
        return (double)count / Labels.LongLength;
    }
}

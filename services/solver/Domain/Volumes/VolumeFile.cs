using MesoStream.Contracts.Structures;

namespace MesoStream.Solver.Volumes;

/// <summary>
/// Reads a researcher's raw volume: headerless uint8, x fastest (a numpy array of shape (nz, ny, nx) in C order;
/// docs/science.md, "Voxel labels and volume files"). Without a mapping the values must already be phase labels 0/1/2; other values need a
/// <see cref="LabelMapping"/>.
/// </summary>
public static class VolumeFile
{
    public static VoxelGrid Read(string path, int nx, int ny, int nz, double voxelUm, LabelMapping? mapping = null)
    {
        ArgumentNullException.ThrowIfNull(path);
        ArgumentOutOfRangeException.ThrowIfLessThan(nx, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(ny, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(nz, 1);
        long expected = (long)nx * ny * nz;
        long size = new FileInfo(path).Length;
        if (size == 2 * expected)
        {
            throw new VolumeFileException(
                $"{path} holds {size} bytes, twice the {expected} of a {nx}×{ny}×{nz} uint8 volume: it looks 16-bit. "
                + "Convert it to uint8 phase labels first (e.g. numpy: (a > threshold).astype(np.uint8)).");
        }

        if (size != expected)
        {
            throw new VolumeFileException(
                $"{path} holds {size} bytes but a {nx}×{ny}×{nz} uint8 volume needs {expected}: check the dimensions and that the file is headerless raw.");
        }

        var raw = File.ReadAllBytes(path);
        return new VoxelGrid(nx, ny, nz, voxelUm, mapping is null ? Validated(raw, path) : Mapped(raw, mapping, path));
    }

    private static byte[] Validated(byte[] raw, string path)
    {
        var present = Present(raw);
        var foreign = present.Where(v => v > VoxelLabels.MaxLabel).ToArray();
        if (foreign.Length > 0)
        {
            // A segmented image has a handful of values; a few hundred means an unsegmented (greyscale) image.
            var hint = present.Count <= 8
                ? $"Pass a label mapping from raw values to phases, e.g. \"{string.Join(',', present.Select((v, k) => $"{v}={Math.Min(k, 2)}"))}\"."
                : $"With {present.Count} distinct values this looks like a greyscale image, not a segmentation: segment it first.";
            throw new VolumeFileException(
                $"{path} contains values {TiffVolume.Describe(foreign)} but phase labels are 0 (pore), 1 (active material), 2 (binder). " + hint);
        }

        return raw;
    }

    /// <summary>Maps the raw bytes to labels in place: a second volume-sized array would double the input's memory.</summary>
    private static byte[] Mapped(byte[] raw, LabelMapping mapping, string path)
    {
        var unmapped = Present(raw).Where(v => mapping.Map(v) is null).ToArray();
        if (unmapped.Length > 0)
        {
            throw new VolumeFileException($"{path} contains values {TiffVolume.Describe(unmapped)} that the label mapping \"{mapping}\" does not name.");
        }

        var table = new byte[256];
        for (int v = 0; v < 256; v++)
        {
            table[v] = mapping.Map(v) ?? 0;
        }

        LabelCodes.Apply(raw, table);
        return raw;
    }

    /// <summary>The distinct values present, ascending.</summary>
    private static List<int> Present(byte[] raw)
    {
        var seen = LabelCodes.Present(raw);
        return [.. Enumerable.Range(0, 256).Where(v => seen[v])];
    }
}

using MesoStream.Contracts.Structures;

namespace MesoStream.Solver.Volumes;

/// <summary>
/// Reads a researcher's raw volume: headerless uint8, x fastest (a numpy array of shape (nz, ny, nx) in C order;
/// DESIGN.md §3). Without a mapping the values must already be phase labels 0/1/2; other values need a
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
        var present = Histogram(raw);
        var foreign = present.Where(v => v > VoxelLabels.MaxLabel).ToArray();
        if (foreign.Length > 0)
        {
            // A segmented image has a handful of values; a few hundred means an unsegmented (greyscale) image.
            var hint = present.Count <= 8
                ? $"Pass a label mapping from raw values to phases, e.g. \"{string.Join(',', present.Select((v, k) => $"{v}={Math.Min(k, 2)}"))}\"."
                : $"With {present.Count} distinct values this looks like a greyscale image, not a segmentation: segment it first.";
            throw new VolumeFileException(
                $"{path} contains values {Describe(foreign)} but phase labels are 0 (pore), 1 (active material), 2 (binder). " + hint);
        }

        return raw;
    }

    private static byte[] Mapped(byte[] raw, LabelMapping mapping, string path)
    {
        var unmapped = Histogram(raw).Where(v => mapping.Map(v) is null).ToArray();
        if (unmapped.Length > 0)
        {
            throw new VolumeFileException($"{path} contains values {Describe(unmapped)} that the label mapping \"{mapping}\" does not name.");
        }

        var table = new byte[256];
        for (int v = 0; v < 256; v++)
        {
            table[v] = mapping.Map((byte)v) ?? 0;
        }

        var labels = new byte[raw.Length];
        for (int i = 0; i < raw.Length; i++)
        {
            labels[i] = table[raw[i]];
        }

        return labels;
    }

    /// <summary>The distinct values present, ascending.</summary>
    private static List<byte> Histogram(byte[] raw)
    {
        var seen = new bool[256];
        foreach (byte v in raw)
        {
            seen[v] = true;
        }

        return [.. Enumerable.Range(0, 256).Where(v => seen[v]).Select(v => (byte)v)];
    }

    private static string Describe(IReadOnlyList<byte> values) =>
        values.Count <= 8 ? string.Join(", ", values) : string.Join(", ", values.Take(8)) + $", … ({values.Count} distinct)";
}

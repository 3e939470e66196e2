using MesoStream.Contracts.Structures;

namespace MesoStream.Solver.Volumes;

/// <summary>
/// Reads a researcher's TIFF stack as phase labels (<see cref="TiffPages"/>: one multi-page file or a folder of
/// slices, 8- or 16-bit): dimensions come from the file, raw values are mapped by <paramref name="mapping"/> or, when
/// none is given, by <see cref="LabelMapping.Automatic"/> (two values: the smaller is pore). Throws
/// <see cref="VolumeFileException"/> naming the file, page or value and what is allowed.
/// </summary>
public static class TiffVolume
{
    /// <summary>Whether <paramref name="path"/> names a TIFF stack (a .tif/.tiff file or a folder) rather than raw bytes.</summary>
    public static bool IsTiff(string path) =>
        Directory.Exists(path)
        || path.EndsWith(".tif", StringComparison.OrdinalIgnoreCase)
        || path.EndsWith(".tiff", StringComparison.OrdinalIgnoreCase);

    public static LabelledVolume Read(string path, double voxelUm, LabelMapping? mapping = null)
    {
        ArgumentNullException.ThrowIfNull(path);
        var pages = TiffPages.Open(path);
        var codes = pages.ReadCodes(out var rawOfCode);
        var present = LabelCodes.Present(codes);
        var presentRaw = Enumerable.Range(0, rawOfCode.Length).Where(c => present[c]).Select(c => rawOfCode[c]).Order().ToArray();
        bool automatic = mapping is null;
        mapping ??= LabelMapping.Automatic(presentRaw) ?? throw new VolumeFileException(
            $"{path} holds {presentRaw.Length} distinct values ({Describe(presentRaw)}); without --labels at most 3 are assigned "
            + "(ascending: pore, active material, binder). Pass a mapping such as \""
            + string.Join(',', presentRaw.Take(3).Select((v, k) => $"{v}={k}")) + "\" naming every value.");

        var unmapped = presentRaw.Where(v => mapping.Map(v) is null).ToArray();
        if (unmapped.Length > 0)
        {
            throw new VolumeFileException($"{path} contains values {Describe(unmapped)} that the label mapping \"{mapping}\" does not name.");
        }

        var table = new byte[256];
        bool identity = true;
        for (int c = 0; c < rawOfCode.Length; c++)
        {
            table[c] = mapping.Map(rawOfCode[c]) ?? 0;
            identity &= !present[c] || table[c] == c;
        }

        if (!identity)
        {
            LabelCodes.Apply(codes, table);
        }

        return new LabelledVolume(new VoxelGrid(pages.Nx, pages.Ny, pages.Nz, voxelUm, codes), mapping, automatic, pages.BitsPerSample);
    }

    internal static string Describe(IReadOnlyList<int> values) =>
        values.Count <= 8 ? string.Join(", ", values) : string.Join(", ", values.Take(8)) + $", … ({values.Count} distinct)";
}

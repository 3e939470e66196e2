using System.Globalization;
using MesoStream.Contracts.Structures;
using MesoStream.Solver.Volumes;

namespace MesoStream.Cli.Commands;

/// <summary>
/// Loads a raw segmented volume for the verbs that take one: dimensions and voxel size from the options or from the
/// sidecar <c>VOLUME.json</c> next to it (which also brings the particle list and spec of a generated structure).
/// </summary>
internal static class VolumeInput
{
    public static (VoxelGrid Grid, VolumeSidecar? Sidecar) Load(string volume, string? dims, double? voxelUmOption, string? labels, string? sidecarPath = null)
    {
        if (!File.Exists(volume))
        {
            throw new ArgumentException($"{volume}: no such file");
        }

        sidecarPath ??= Path.ChangeExtension(volume, ".json");
        var sidecar = File.Exists(sidecarPath) ? VolumeSidecar.Parse(File.ReadAllText(sidecarPath)) : null;
        var (nx, ny, nz) = dims is { } d ? ParseDims(d)
            : sidecar is not null ? (sidecar.Nx, sidecar.Ny, sidecar.Nz)
            : throw new ArgumentException($"--dims NXxNYxNZ is required: no sidecar {sidecarPath} next to the volume");
        var voxelUm = voxelUmOption ?? sidecar?.VoxelUm
            ?? throw new ArgumentException($"--voxel-um is required: no sidecar {sidecarPath} next to the volume");
        try
        {
            return (VolumeFile.Read(volume, nx, ny, nz, voxelUm, labels is { } map ? LabelMapping.Parse(map) : null), sidecar);
        }
        catch (VolumeFileException e)
        {
            throw new ArgumentException(e.Message, e);
        }
    }

    private static (int, int, int) ParseDims(string text)
    {
        var parts = text.Split('x', 'X');
        return parts.Length == 3 && parts.All(p => int.TryParse(p, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n > 0)
            ? (int.Parse(parts[0], CultureInfo.InvariantCulture), int.Parse(parts[1], CultureInfo.InvariantCulture), int.Parse(parts[2], CultureInfo.InvariantCulture))
            : throw new ArgumentException($"--dims \"{text}\" must look like 64x64x64");
    }
}

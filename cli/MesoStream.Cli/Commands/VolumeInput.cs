using System.Globalization;
using MesoStream.Contracts.Messaging;
using MesoStream.Contracts.Structures;
using MesoStream.Solver.Volumes;

namespace MesoStream.Cli.Commands;

/// <summary>
/// Loads a segmented volume for the verbs that take one. A TIFF stack (a .tif/.tiff file or a folder of slices)
/// carries its own dimensions; raw bytes take them from the options or from the sidecar <c>VOLUME.json</c> next to
/// the volume (which also brings the particle list and spec of a generated structure). <c>Labels</c> is the mapping
/// applied to a TIFF stack's raw values, shown to the user when it was chosen automatically.
/// </summary>
internal static class VolumeInput
{
    /// <summary>Voxel edge assumed for a TIFF stack without --voxel-um or sidecar: τ and σ do not depend on it.</summary>
    private const double AssumedVoxelUm = 1.0;

    public static (VoxelGrid Grid, VolumeSidecar? Sidecar, LabelledVolume? Tiff) Load(string volume, string? dims, double? voxelUmOption, string? labels, string? sidecarPath = null)
    {
        bool tiff = TiffVolume.IsTiff(volume);
        if (!File.Exists(volume) && !(tiff && Directory.Exists(volume)))
        {
            throw new ArgumentException($"{volume}: no such file");
        }

        sidecarPath ??= Path.ChangeExtension(volume.TrimEnd('/', Path.DirectorySeparatorChar), ".json");
        var sidecar = File.Exists(sidecarPath) ? ReadSidecar(sidecarPath) : null;
        try
        {
            var mapping = labels is { } map ? LabelMapping.Parse(map) : null;
            return tiff ? LoadTiff(volume, dims, voxelUmOption ?? sidecar?.VoxelUm, mapping, sidecar) : (LoadRaw(volume, dims, voxelUmOption, mapping, sidecar, sidecarPath), sidecar, null);
        }
        catch (VolumeFileException e)
        {
            throw new ArgumentException(e.Message, e);
        }
        catch (FormatException e)
        {
            throw new ArgumentException($"--labels: {e.Message}", e);
        }
    }

    /// <summary>The sidecar next to the volume; a file there that is not one is named, with the option that avoids it.</summary>
    private static VolumeSidecar ReadSidecar(string path)
    {
        try
        {
            return VolumeSidecar.Parse(File.ReadAllText(path));
        }
        catch (InvalidMessageException e)
        {
            throw new ArgumentException($"{path} (read as the volume's sidecar) is not a MesoStream sidecar: {e.Message}; move or rename it", e);
        }
    }

    private static (VoxelGrid, VolumeSidecar?, LabelledVolume) LoadTiff(string volume, string? dims, double? voxelUm, LabelMapping? mapping, VolumeSidecar? sidecar)
    {
        if (voxelUm is null)
        {
            Console.Error.WriteLine($"{volume}: no --voxel-um and no sidecar; assuming {AssumedVoxelUm} µm voxels (tortuosity and conductivity factors do not depend on it; areas and sizes do)");
        }

        var read = TiffVolume.Read(volume, voxelUm ?? AssumedVoxelUm, mapping);
        if (dims is { } d && ParseDims(d) != (read.Grid.Nx, read.Grid.Ny, read.Grid.Nz))
        {
            throw new ArgumentException($"--dims {d} disagrees with the TIFF stack {volume}, which is {read.Grid.Nx}x{read.Grid.Ny}x{read.Grid.Nz} (leave --dims out for TIFF)");
        }

        return (read.Grid, sidecar, read);
    }

    private static VoxelGrid LoadRaw(string volume, string? dims, double? voxelUmOption, LabelMapping? mapping, VolumeSidecar? sidecar, string sidecarPath)
    {
        var (nx, ny, nz) = dims is { } d ? ParseDims(d)
            : sidecar is not null ? (sidecar.Nx, sidecar.Ny, sidecar.Nz)
            : throw new ArgumentException($"--dims NXxNYxNZ is required: no sidecar {sidecarPath} next to the volume");
        var voxelUm = voxelUmOption ?? sidecar?.VoxelUm
            ?? throw new ArgumentException($"--voxel-um is required: no sidecar {sidecarPath} next to the volume");
        return VolumeFile.Read(volume, nx, ny, nz, voxelUm, mapping);
    }

    private static (int, int, int) ParseDims(string text)
    {
        var parts = text.Split('x', 'X');
        return parts.Length == 3 && parts.All(p => int.TryParse(p, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n > 0)
            ? (int.Parse(parts[0], CultureInfo.InvariantCulture), int.Parse(parts[1], CultureInfo.InvariantCulture), int.Parse(parts[2], CultureInfo.InvariantCulture))
            : throw new ArgumentException($"--dims \"{text}\" must look like 64x64x64");
    }
}

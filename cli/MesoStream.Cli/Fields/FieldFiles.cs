using System.Text.Json;
using MesoStream.Solver.Transport;

namespace MesoStream.Cli.Fields;

/// <summary>
/// <c>solve --fields DIR</c>: for every percolating solve, PHASE_AXIS_concentration.tif and PHASE_AXIS_flux.tif
/// (float32 stacks, x fastest, one page per z), PHASE_AXIS_flux.png (the flux magnitude on the mid-plane that
/// contains the flow direction: z = Nz/2 for x and y, y = Ny/2 for z) and PHASE_AXIS.json describing them. Solves
/// of two phases may call it at once; each writes only its own files.
/// </summary>
internal sealed class FieldFiles(string directory) : ITransportFieldSink
{
    private readonly List<string> _written = [];
    private readonly Lock _gate = new();

    public IReadOnlyList<string> Written
    {
        get
        {
            lock (_gate)
            {
                return [.. _written];
            }
        }
    }

    public void Write(TransportFields fields)
    {
        Directory.CreateDirectory(directory);
        string stem = Path.Combine(directory, $"{fields.Phase}_{fields.Axis.ToString().ToLowerInvariant()}");
        var (nx, ny, nz) = (fields.Nx, fields.Ny, fields.Nz);
        var plane = new float[nx * ny];
        bool zFlow = fields.Axis == Axis.Z;
        // x/y flow: the mid z-plane (x across, y down); z flow: the mid y-plane (x across, z down).
        var picture = new float[zFlow ? nx * nz : nx * ny];
        float maxConcentration = float.MinValue, maxFlux = 0;
        using (var concentration = new FloatTiffWriter(stem + "_concentration.tif", nx, ny))
        {
            for (int z = 0; z < nz; z++)
            {
                fields.ConcentrationPlane(z, plane);
                concentration.WritePlane(plane);
                foreach (float c in plane)
                {
                    maxConcentration = float.IsNaN(c) ? maxConcentration : Math.Max(maxConcentration, c);
                }
            }
        }

        using (var flux = new FloatTiffWriter(stem + "_flux.tif", nx, ny))
        {
            for (int z = 0; z < nz; z++)
            {
                fields.FluxMagnitudePlane(z, plane);
                flux.WritePlane(plane);
                foreach (float j in plane)
                {
                    maxFlux = Math.Max(maxFlux, j);
                }

                if (!zFlow && z == nz / 2)
                {
                    plane.CopyTo(picture, 0);
                }
                else if (zFlow)
                {
                    plane.AsSpan(nx * (ny / 2), nx).CopyTo(picture.AsSpan(nx * z, nx));
                }
            }
        }

        FluxPicture.Write(stem + "_flux.png", picture, nx, zFlow ? nz : ny);
        File.WriteAllText(stem + ".json", JsonSerializer.Serialize(new
        {
            phase = fields.Phase,
            axis = fields.Axis.ToString().ToLowerInvariant(),
            dims = new[] { nx, ny, nz },
            layout = "float32 TIFF, one page per z, x fastest",
            concentration = new { file = Path.GetFileName(stem + "_concentration.tif"), meaning = "c: 1 at the inlet reservoir, 0 at the outlet; NaN outside the voxels of the solve", max = maxConcentration },
            flux = new { file = Path.GetFileName(stem + "_flux.tif"), meaning = "|j| at voxel centres in D0*(c_in - c_out) per voxel edge; 0 outside the solve", max = maxFlux },
            picture = new { file = Path.GetFileName(stem + "_flux.png"), plane = zFlow ? $"y = {ny / 2}" : $"z = {nz / 2}", scale = "0 (dark) to the largest |j| on the plane (bright)" },
            effective_diffusivity = fields.Result.EffectiveDiffusivity,
            tortuosity = fields.Result.Tortuosity,
        }, CliJson.Options));
        lock (_gate)
        {
            _written.AddRange([stem + "_concentration.tif", stem + "_flux.tif", stem + "_flux.png", stem + ".json"]);
        }
    }
}

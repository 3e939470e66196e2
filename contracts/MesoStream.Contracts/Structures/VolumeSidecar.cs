using System.Text.Json;
using System.Text.Json.Nodes;
using MesoStream.Contracts.Messaging;
using MesoStream.Contracts.Specs;

namespace MesoStream.Contracts.Structures;

/// <summary>
/// The JSON file written next to a raw volume <c>ID.u8</c> (uint8, x fastest): dimensions, voxel size, label meaning,
/// and, for generated structures, the spec, the particle list and the generation statistics. Tools that take a raw
/// volume (solve, describe) read dimensions and voxel size from it when present.
/// </summary>
public sealed record VolumeSidecar(
    string Id,
    int Nx,
    int Ny,
    int Nz,
    double VoxelUm,
    StructureSpec? Spec,
    IReadOnlyList<Particle> Particles,
    string? StatisticsJson)
{
    public const string Layout = "uint8, x fastest: index = x + nx*(y + ny*z); numpy shape (nz, ny, nx)";

    public string ToJson()
    {
        var root = new JsonObject
        {
            ["id"] = Id,
            ["dims"] = new JsonArray(Nx, Ny, Nz),
            ["voxel_um"] = VoxelUm,
            ["layout"] = Layout,
            ["labels"] = new JsonObject { ["0"] = "pore", ["1"] = "active material", ["2"] = "binder" },
            ["spec"] = Spec is null ? null : JsonNode.Parse(Spec.ToJson()),
            ["statistics"] = StatisticsJson is null ? null : JsonNode.Parse(StatisticsJson),
            ["particles"] = new JsonArray(Particles.Select(p => (JsonNode)new JsonObject
            {
                ["centre_um"] = new JsonArray(p.Cx, p.Cy, p.Cz),
                ["semi_axes_um"] = new JsonArray(p.A, p.B, p.C),
                ["u"] = new JsonArray(p.Ux, p.Uy, p.Uz),
                ["v"] = new JsonArray(p.Vx, p.Vy, p.Vz),
            }).ToArray()),
        };
        return root.ToJsonString(new JsonSerializerOptions { WriteIndented = true });
    }

    /// <summary>Reads a sidecar; a malformed one names the field at fault.</summary>
    public static VolumeSidecar Parse(string json)
    {
        JsonNode? root;
        try
        {
            root = JsonNode.Parse(json);
        }
        catch (JsonException e)
        {
            throw new InvalidMessageException("$", $"malformed sidecar JSON: {e.Message}", e);
        }

        try
        {
            var dims = root!["dims"]!.AsArray().Select(d => d!.GetValue<int>()).ToArray();
            if (dims.Length != 3 || dims.Any(d => d < 1))
            {
                throw new InvalidMessageException("dims", "must be three positive integers [nx, ny, nz]");
            }

            var spec = root["spec"] is { } s ? StructureSpec.Parse(s.ToJsonString()) : null;
            var particles = (root["particles"]?.AsArray() ?? []).Select(p =>
            {
                double[] V(string key) => p![key]!.AsArray().Select(x => x!.GetValue<double>()).ToArray();
                var (c, a, u, v) = (V("centre_um"), V("semi_axes_um"), V("u"), V("v"));
                return new Particle(c[0], c[1], c[2], a[0], a[1], a[2], u[0], u[1], u[2], v[0], v[1], v[2]);
            }).ToList();
            return new VolumeSidecar(root["id"]?.GetValue<string>() ?? string.Empty, dims[0], dims[1], dims[2],
                root["voxel_um"]!.GetValue<double>(), spec, particles, root["statistics"]?.ToJsonString());
        }
        catch (Exception e) when (e is InvalidOperationException or NullReferenceException or FormatException or IndexOutOfRangeException)
        {
            throw new InvalidMessageException("$", $"sidecar lacks a field or has one of the wrong type: {e.Message}", e);
        }
    }
}

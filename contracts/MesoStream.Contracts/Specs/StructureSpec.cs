using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace MesoStream.Contracts.Specs;

/// <summary>
/// The design parameters of one electrode microstructure (schema <see cref="SchemaId"/>): what the generator turns
/// into voxels. Hand-writable JSON; <see cref="StructureSpecJson"/> parses and validates it, naming the field and the
/// allowed range on every violation.
/// </summary>
/// <param name="Id">Structure id; keys every Kafka hop. Defaults to <see cref="ContentId"/>.</param>
/// <param name="Seed">Seeds every random draw of the generator: the same spec gives the same bytes.</param>
/// <param name="Campaign">Optional label of the campaign that submitted the spec; not part of the content id.</param>
public sealed record StructureSpec(
    string Id,
    long Seed,
    GridSpec Grid,
    ActiveMaterialSpec ActiveMaterial,
    BinderSpec Binder,
    string? Campaign = null)
{
    public const string SchemaId = "mesostream.structure-spec/1";

    /// <summary>Volume fraction of the pore phase the spec asks for.</summary>
    public double PoreFraction => 1.0 - ActiveMaterial.VolumeFraction - Binder.VolumeFraction;

    /// <summary>
    /// A stable id derived from the content (seed, grid, active material, binder; not id or campaign): SHA-256 of the
    /// canonical JSON, first 16 hex digits. Two submissions of the same structure therefore share one id and dedupe.
    /// </summary>
    public string ContentId()
    {
        var canonical = StructureSpecJson.Write(this with { Id = string.Empty, Campaign = null }, includeId: false);
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes(canonical));
        return "s-" + Convert.ToHexStringLower(hash.AsSpan(0, 8));
    }

    public string ToJson(bool indented = false) => StructureSpecJson.Write(this, includeId: true, indented);

    public static StructureSpec Parse(string json) => StructureSpecJson.Parse(Encoding.UTF8.GetBytes(json));

    public static StructureSpec Parse(ReadOnlySpan<byte> utf8Json) => StructureSpecJson.Parse(utf8Json);
}

/// <summary>Voxel grid: dimensions (x fastest in memory) and voxel edge length.</summary>
public sealed record GridSpec(int Nx, int Ny, int Nz, double VoxelUm)
{
    public long VoxelCount => (long)Nx * Ny * Nz;
}

/// <summary>
/// Active material: overlapping triaxial ellipsoids of semi-axes (A, B, C) in µm. A aligns with the Eq. 6 direction
/// drawn with anisotropy parameters A1, A2 (A1 = A2 = 1 is isotropic).
/// </summary>
public sealed record ActiveMaterialSpec(double VolumeFraction, SemiAxes AxesUm, double A1, double A2);

/// <summary>Ellipsoid semi-axes in µm, in the spec's order: the first is the one aligned with the Eq. 6 direction.</summary>
public readonly record struct SemiAxes(double A, double B, double C)
{
    public double this[int i] => i switch { 0 => A, 1 => B, 2 => C, _ => throw new ArgumentOutOfRangeException(nameof(i)) };
}

/// <summary>
/// Carbon-binder domain: volume fraction and the morphology factor ω of the deposition rule (docs/methods.md, "Binder
/// deposition").
/// </summary>
public sealed record BinderSpec(double VolumeFraction, double Omega);

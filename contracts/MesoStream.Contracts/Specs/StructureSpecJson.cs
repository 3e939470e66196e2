using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Unicode;
using MesoStream.Contracts.Messaging;

namespace MesoStream.Contracts.Specs;

/// <summary>
/// Reads and writes <see cref="StructureSpec"/> JSON. Parsing collects every violation (malformed JSON, unknown schema,
/// unknown or missing fields, wrong types, non-finite or out-of-range numbers, fractions that leave no pore) and throws
/// one <see cref="InvalidMessageException"/> listing them, each naming its field and the allowed range.
/// </summary>
public static class StructureSpecJson
{
    private static readonly string[] RootFields = ["schema", "id", "seed", "grid", "active_material", "binder", "campaign"];
    private static readonly string[] GridFields = ["nx", "ny", "nz", "voxel_um"];
    private static readonly string[] ActiveFields = ["volume_fraction", "axes_um", "a1", "a2"];
    private static readonly string[] BinderFields = ["volume_fraction", "omega"];

    public static StructureSpec Parse(ReadOnlySpan<byte> utf8Json)
    {
        if (utf8Json.IsEmpty)
        {
            throw new InvalidMessageException("$", "is empty; expected a JSON structure spec");
        }

        // System.Text.Json checks the UTF-8 inside strings and names only when they are read (JsonElement.GetString
        // throws InvalidOperationException), so a spec with one bad byte in a string was dead-lettered without a field.
        if (!Utf8.IsValid(utf8Json))
        {
            throw new InvalidMessageException("$", $"is not valid UTF-8 (byte {FirstInvalidUtf8Byte(utf8Json)}); a JSON spec is UTF-8 text (RFC 8259 §8.1)");
        }

        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(utf8Json.ToArray(), new JsonDocumentOptions { MaxDepth = 16 });
        }
        catch (JsonException e)
        {
            throw new InvalidMessageException("$", $"malformed JSON: {e.Message}", e);
        }

        using (document)
        {
            var reader = new FieldReader();
            var spec = reader.ReadSpec(document.RootElement);
            reader.Errors.ThrowIfAny();
            return spec ?? throw new InvalidMessageException("$", "is not a structure spec");
        }
    }

    private static int FirstInvalidUtf8Byte(ReadOnlySpan<byte> utf8)
    {
        var at = 0;
        while (Rune.DecodeFromUtf8(utf8[at..], out _, out var consumed) == System.Buffers.OperationStatus.Done)
        {
            at += consumed;
        }

        return at;
    }

    /// <summary>Canonical JSON: fixed field order, round-trip number formatting, snake_case names.</summary>
    public static string Write(StructureSpec spec, bool includeId, bool indented = false)
    {
        using var buffer = new MemoryStream();
        using (var w = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = indented }))
        {
            w.WriteStartObject();
            w.WriteString("schema", StructureSpec.SchemaId);
            if (includeId)
            {
                w.WriteString("id", spec.Id);
            }

            w.WriteNumber("seed", spec.Seed);
            w.WriteStartObject("grid");
            w.WriteNumber("nx", spec.Grid.Nx);
            w.WriteNumber("ny", spec.Grid.Ny);
            w.WriteNumber("nz", spec.Grid.Nz);
            w.WriteNumber("voxel_um", spec.Grid.VoxelUm);
            w.WriteEndObject();
            w.WriteStartObject("active_material");
            w.WriteNumber("volume_fraction", spec.ActiveMaterial.VolumeFraction);
            w.WriteStartArray("axes_um");
            w.WriteNumberValue(spec.ActiveMaterial.AxesUm.A);
            w.WriteNumberValue(spec.ActiveMaterial.AxesUm.B);
            w.WriteNumberValue(spec.ActiveMaterial.AxesUm.C);
            w.WriteEndArray();
            w.WriteNumber("a1", spec.ActiveMaterial.A1);
            w.WriteNumber("a2", spec.ActiveMaterial.A2);
            w.WriteEndObject();
            w.WriteStartObject("binder");
            w.WriteNumber("volume_fraction", spec.Binder.VolumeFraction);
            w.WriteNumber("omega", spec.Binder.Omega);
            w.WriteEndObject();
            if (spec.Campaign is not null)
            {
                w.WriteString("campaign", spec.Campaign);
            }

            w.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.ToArray());
    }

    private sealed class FieldReader
    {
        public FieldErrors Errors { get; } = new();

        public StructureSpec? ReadSpec(JsonElement root)
        {
            if (!ExpectObject(root, "$", RootFields))
            {
                return null;
            }

            if (root.TryGetProperty("schema", out var schema))
            {
                if (schema.ValueKind != JsonValueKind.String)
                {
                    Fail("schema", $"must be the string \"{StructureSpec.SchemaId}\"");
                }
                else if (schema.GetString() != StructureSpec.SchemaId)
                {
                    Fail("schema", $"unknown schema \"{schema.GetString()}\"; this build reads \"{StructureSpec.SchemaId}\"");
                }
            }

            var id = OptionalString(root, "id", "id", SpecLimits.MaxIdLength);
            if (id is not null && StructureId.Check("id", id) is { } badId)
            {
                Errors.Add(badId);
            }

            var campaign = OptionalString(root, "campaign", "campaign", SpecLimits.MaxCampaignLength);
            var seed = Integer(root, "seed", "seed", 0, SpecLimits.MaxSeed);

            var grid = ReadGrid(root);
            var active = ReadActiveMaterial(root, grid?.VoxelUm);
            var binder = ReadBinder(root);

            if (active is not null && binder is not null &&
                active.VolumeFraction + binder.VolumeFraction > SpecLimits.MaxSolidFraction)
            {
                Fail("binder.volume_fraction",
                    $"active_material.volume_fraction + binder.volume_fraction = " +
                    $"{Format(active.VolumeFraction + binder.VolumeFraction)} must be ≤ {Format(SpecLimits.MaxSolidFraction)} " +
                    "(a pore phase must remain)");
            }

            if (Errors.Count > 0 || seed is null || grid is null || active is null || binder is null)
            {
                return null;
            }

            var spec = new StructureSpec(string.Empty, seed.Value, grid, active, binder, campaign);
            return spec with { Id = id ?? spec.ContentId() };
        }

        private GridSpec? ReadGrid(JsonElement root)
        {
            if (!RequiredObject(root, "grid", GridFields, out var grid))
            {
                return null;
            }

            var nx = Integer(grid, "nx", "grid.nx", SpecLimits.MinGridEdge, SpecLimits.MaxGridEdge);
            var ny = Integer(grid, "ny", "grid.ny", SpecLimits.MinGridEdge, SpecLimits.MaxGridEdge);
            var nz = Integer(grid, "nz", "grid.nz", SpecLimits.MinGridEdge, SpecLimits.MaxGridEdge);
            var voxel = Number(grid, "voxel_um", "grid.voxel_um", SpecLimits.MinVoxelUm, SpecLimits.MaxVoxelUm);
            return nx is null || ny is null || nz is null || voxel is null
                ? null
                : new GridSpec((int)nx.Value, (int)ny.Value, (int)nz.Value, voxel.Value);
        }

        private ActiveMaterialSpec? ReadActiveMaterial(JsonElement root, double? voxelUm)
        {
            if (!RequiredObject(root, "active_material", ActiveFields, out var am))
            {
                return null;
            }

            var fraction = Number(am, "volume_fraction", "active_material.volume_fraction",
                SpecLimits.MinActiveFraction, SpecLimits.MaxActiveFraction);
            var axes = ReadAxes(am, voxelUm);
            var a1 = Number(am, "a1", "active_material.a1", SpecLimits.MinAnisotropy, SpecLimits.MaxAnisotropy);
            var a2 = Number(am, "a2", "active_material.a2", SpecLimits.MinAnisotropy, SpecLimits.MaxAnisotropy);
            return fraction is null || axes is null || a1 is null || a2 is null
                ? null
                : new ActiveMaterialSpec(fraction.Value, axes.Value, a1.Value, a2.Value);
        }

        private SemiAxes? ReadAxes(JsonElement am, double? voxelUm)
        {
            const string path = "active_material.axes_um";
            if (!am.TryGetProperty("axes_um", out var axes))
            {
                Fail(path, "is required: an array of 3 semi-axes [a, b, c] in µm");
                return null;
            }

            if (axes.ValueKind != JsonValueKind.Array || axes.GetArrayLength() != 3)
            {
                Fail(path, $"must be an array of exactly 3 numbers [a, b, c] in µm, got {Describe(axes)}");
                return null;
            }

            var values = new double[3];
            var ok = true;
            for (var i = 0; i < 3; i++)
            {
                var v = NumberValue(axes[i], $"{path}[{i}]", SpecLimits.MinSemiAxisUm, SpecLimits.MaxSemiAxisUm);
                if (v is null)
                {
                    ok = false;
                    continue;
                }

                values[i] = v.Value;
                if (voxelUm is { } voxel && v.Value < SpecLimits.MinSemiAxisVoxels * voxel)
                {
                    Fail($"{path}[{i}]",
                        $"{Format(v.Value)} µm is below half a voxel ({Format(SpecLimits.MinSemiAxisVoxels * voxel)} µm " +
                        "at grid.voxel_um): the particle cannot be voxelized");
                    ok = false;
                }
            }

            return ok ? new SemiAxes(values[0], values[1], values[2]) : null;
        }

        private BinderSpec? ReadBinder(JsonElement root)
        {
            if (!RequiredObject(root, "binder", BinderFields, out var binder))
            {
                return null;
            }

            var fraction = Number(binder, "volume_fraction", "binder.volume_fraction",
                SpecLimits.MinBinderFraction, SpecLimits.MaxBinderFraction);
            var omega = Number(binder, "omega", "binder.omega", SpecLimits.MinOmega, SpecLimits.MaxOmega);
            return fraction is null || omega is null ? null : new BinderSpec(fraction.Value, omega.Value);
        }

        private bool RequiredObject(JsonElement parent, string name, string[] allowed, out JsonElement value)
        {
            if (!parent.TryGetProperty(name, out value))
            {
                Fail(name, $"is required: an object with fields {string.Join(", ", allowed)}");
                return false;
            }

            return ExpectObject(value, name, allowed);
        }

        private bool ExpectObject(JsonElement element, string path, string[] allowed)
        {
            if (element.ValueKind != JsonValueKind.Object)
            {
                Fail(path, $"must be a JSON object, got {Describe(element)}");
                return false;
            }

            var seen = new HashSet<string>(StringComparer.Ordinal);
            foreach (var property in element.EnumerateObject())
            {
                var field = path == "$" ? property.Name : $"{path}.{property.Name}";
                if (!seen.Add(property.Name))
                {
                    Fail(field, "appears twice");
                }
                else if (Array.IndexOf(allowed, property.Name) < 0)
                {
                    Fail(field, $"unknown field; allowed here: {string.Join(", ", allowed)}");
                }
            }

            return true;
        }

        private string? OptionalString(JsonElement parent, string name, string path, int maxLength)
        {
            if (!parent.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null)
            {
                return null;
            }

            if (value.ValueKind != JsonValueKind.String)
            {
                Fail(path, $"must be a string of 1 to {maxLength} characters, got {Describe(value)}");
                return null;
            }

            var s = value.GetString()!;
            if (s.Length == 0 || s.Length > maxLength)
            {
                Fail(path, $"must be 1 to {maxLength} characters long, got {s.Length}");
                return null;
            }

            return s;
        }

        private long? Integer(JsonElement parent, string name, string path, long min, long max)
        {
            if (!parent.TryGetProperty(name, out var value))
            {
                Fail(path, $"is required: an integer in [{min}, {max}]");
                return null;
            }

            if (value.ValueKind != JsonValueKind.Number || !value.TryGetInt64(out var n))
            {
                Fail(path, $"must be an integer in [{min}, {max}], got {Describe(value)}");
                return null;
            }

            if (n < min || n > max)
            {
                Fail(path, $"{n} is out of range: allowed [{min}, {max}]");
                return null;
            }

            return n;
        }

        private double? Number(JsonElement parent, string name, string path, double min, double max)
        {
            if (!parent.TryGetProperty(name, out var value))
            {
                Fail(path, $"is required: a number in [{Format(min)}, {Format(max)}]");
                return null;
            }

            return NumberValue(value, path, min, max);
        }

        private double? NumberValue(JsonElement value, string path, double min, double max)
        {
            if (value.ValueKind != JsonValueKind.Number || !value.TryGetDouble(out var x) || !double.IsFinite(x))
            {
                Fail(path, $"must be a finite number in [{Format(min)}, {Format(max)}], got {Describe(value)}");
                return null;
            }

            if (x < min || x > max)
            {
                Fail(path, $"{Format(x)} is out of range: allowed [{Format(min)}, {Format(max)}]");
                return null;
            }

            return x;
        }

        private void Fail(string field, string message) => Errors.Add(field, message);

        private static string Describe(JsonElement e) => e.ValueKind switch
        {
            JsonValueKind.String => $"the string \"{FieldError.Quote(e.GetString()!)}\"",
            JsonValueKind.Number => $"the number {FieldError.Quote(e.GetRawText())}",
            JsonValueKind.Array => $"an array of {e.GetArrayLength()}",
            JsonValueKind.Object => "an object",
            JsonValueKind.True or JsonValueKind.False => e.GetRawText(),
            _ => "null",
        };
    }

    private static string Format(double x) => x.ToString("G6", CultureInfo.InvariantCulture);
}

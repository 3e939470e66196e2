using System.Globalization;
using System.Text;
using System.Text.Json;
using MesoStream.Contracts.Messaging;
using MesoStream.Contracts.Specs;
using MesoStream.Contracts.Vocabulary;

namespace MesoStream.Contracts.Predictions;

/// <summary>
/// Reads prediction requests. A request is one JSON object, or (HTTP, JSON lines) several: a <b>descriptor row</b>
/// <c>{"id": "r1", "v_am": 0.6, "v_s": 0.075, …, "a2": 1}</c> with exactly the eleven dataset descriptor columns (id
/// optional), or a <b>structure spec</b> (<c>mesostream.structure-spec/1</c>, recognised by its <c>grid</c>,
/// <c>active_material</c> or <c>schema</c> field). Every violation is reported at once as an
/// <see cref="InvalidMessageException"/> naming the field (prefixed <c>[i]</c> inside an array) and the allowed range.
/// </summary>
public static class PredictionRequestJson
{
    /// <summary>The schema header of a prediction-requested record holding a descriptor row (a spec's is <see cref="StructureSpec.SchemaId"/>).</summary>
    public const string SchemaId = "mesostream.prediction-request/1";

    /// <summary>Nesting a request can need: a spec inside a batch array is four levels deep; deeper is refused before it is walked.</summary>
    private const int MaxDepth = 16;

    /// <summary>A body holding one object or an array of objects.</summary>
    public static IReadOnlyList<PredictionInput> ParseBody(ReadOnlySpan<byte> utf8Json)
    {
        using var document = ParseDocument(utf8Json);
        var root = document.RootElement;
        if (root.ValueKind == JsonValueKind.Object)
        {
            return [ParseObject(root, prefix: null)];
        }

        if (root.ValueKind != JsonValueKind.Array)
        {
            throw new InvalidMessageException("$", $"must be a JSON object (a descriptor row or a spec) or an array of them, got {Describe(root.ValueKind)}");
        }

        var count = root.GetArrayLength();
        if (count == 0)
        {
            throw new InvalidMessageException("$", "the array holds no input");
        }

        if (count > PredictionLimits.MaxInputsPerRequest)
        {
            throw new InvalidMessageException("$", $"{count} inputs; at most {PredictionLimits.MaxInputsPerRequest} per request");
        }

        var inputs = new List<PredictionInput>(count);
        var errors = new FieldErrors();
        var index = 0;
        foreach (var element in root.EnumerateArray())
        {
            try
            {
                inputs.Add(ParseObject(element, $"[{index}]"));
            }
            catch (InvalidMessageException e)
            {
                errors.Add(e);
            }

            index++;
        }

        var specs = inputs.Where(i => i.Kind == InputKind.Spec).ToList();
        if (specs.Count > PredictionLimits.MaxSpecsPerRequest)
        {
            errors.Add(new FieldError("$", $"{specs.Count} specs; at most {PredictionLimits.MaxSpecsPerRequest} per request (each is generated and described)"));
        }

        var voxels = specs.Sum(i => i.Spec!.Grid.VoxelCount);
        if (voxels > PredictionLimits.MaxVoxelsPerRequest)
        {
            errors.Add(new FieldError("$", string.Create(CultureInfo.InvariantCulture,
                $"the specs' grids hold {voxels:N0} voxels in all; at most {PredictionLimits.MaxVoxelsPerRequest:N0} per request (two 200³ grids; each voxel is generated and described): send fewer or smaller specs")));
        }

        return errors.Count > 0 ? throw InvalidMessageException.From(errors) : inputs;
    }

    /// <summary>One object: a Kafka prediction-requested value, or a line of a JSON-lines file.</summary>
    public static PredictionInput ParseOne(ReadOnlySpan<byte> utf8Json)
    {
        using var document = ParseDocument(utf8Json);
        return ParseObject(document.RootElement, prefix: null);
    }

    /// <summary>JSON lines: one object per non-empty line; every bad line is reported, prefixed <c>line N</c>.</summary>
    public static IReadOnlyList<PredictionInput> ParseLines(TextReader reader)
    {
        var inputs = new List<PredictionInput>();
        var errors = new FieldErrors();
        var lineNumber = 0;
        for (var line = reader.ReadLine(); line is not null; line = reader.ReadLine())
        {
            lineNumber++;
            if (string.IsNullOrWhiteSpace(line))
            {
                continue;
            }

            try
            {
                inputs.Add(ParseOne(Encoding.UTF8.GetBytes(line)));
            }
            catch (InvalidMessageException e)
            {
                errors.Add(e.Within($"line {lineNumber}"));
            }
        }

        return errors.Count > 0 ? throw InvalidMessageException.From(errors)
            : inputs.Count == 0 ? throw new InvalidMessageException("input", "holds no request")
            : inputs;
    }

    /// <summary>
    /// The document, its bytes checked to be UTF-8 first: the JSON reader checks structure, not the bytes inside
    /// strings, and a string that does not transcode would otherwise throw later, where no field is named.
    /// </summary>
    private static JsonDocument ParseDocument(ReadOnlySpan<byte> utf8Json)
    {
        try
        {
            StrictUtf8.GetCharCount(utf8Json);
        }
        catch (DecoderFallbackException e)
        {
            throw new InvalidMessageException("$", $"is not valid UTF-8: the byte at offset {e.Index} does not decode", e);
        }

        try
        {
            return JsonDocument.Parse(utf8Json.ToArray(), new JsonDocumentOptions { MaxDepth = MaxDepth });
        }
        catch (JsonException e)
        {
            throw new InvalidMessageException("$", $"malformed JSON: {e.Message}", e);
        }
    }

    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    private static PredictionInput ParseObject(JsonElement element, string? prefix)
    {
        if (element.ValueKind != JsonValueKind.Object)
        {
            throw new InvalidMessageException(prefix ?? "$", $"must be a JSON object (a descriptor row or a spec), got {Describe(element.ValueKind)}");
        }

        try
        {
            return IsSpec(element) ? ParseSpec(element, prefix) : ParseRow(element, prefix);
        }
        catch (InvalidOperationException e)
        {
            // Valid UTF-8 can still escape an unpaired surrogate ("\ud800"), which no string can hold: the reader
            // throws when a field name or value is read as text.
            throw new InvalidMessageException(prefix ?? "$", $"holds text that is not valid Unicode: {e.Message}", e);
        }
    }

    private static bool IsSpec(JsonElement element) =>
        element.TryGetProperty("grid", out _) || element.TryGetProperty("active_material", out _) || element.TryGetProperty("schema", out _);

    private static PredictionInput ParseSpec(JsonElement element, string? prefix)
    {
        StructureSpec spec;
        try
        {
            spec = StructureSpec.Parse(Encoding.UTF8.GetBytes(element.GetRawText()));
        }
        catch (InvalidMessageException e) when (prefix is not null)
        {
            throw e.Within(prefix);
        }

        if (spec.Grid.VoxelCount > PredictionLimits.MaxSpecVoxels)
        {
            throw new InvalidMessageException(Field(prefix, "grid"),
                $"{spec.Grid.Nx}×{spec.Grid.Ny}×{spec.Grid.Nz} voxels; a prediction generates the structure in-process, so at most {PredictionLimits.MaxSpecVoxels:N0} voxels (200³)");
        }

        return PredictionInput.FromSpec(spec);
    }

    private static PredictionInput ParseRow(JsonElement element, string? prefix)
    {
        var columns = Descriptors.Names;
        var values = new double[columns.Count];
        var seen = new bool[columns.Count];
        string? id = null;
        var seenId = false;
        var errors = new FieldErrors();
        foreach (var property in element.EnumerateObject())
        {
            if (property.Name == "id")
            {
                if (seenId)
                {
                    errors.Add(new FieldError(Field(prefix, "id"), "appears more than once; a descriptor row holds each field once"));
                }
                else if (RowId.Problem(property.Value) is { } idProblem)
                {
                    errors.Add(new FieldError(Field(prefix, "id"), idProblem));
                }
                else
                {
                    id = property.Value.GetString();
                }

                seenId = true;
                continue;
            }

            var d = IndexOf(columns, property.Name);
            if (d < 0)
            {
                errors.Add(new FieldError(Field(prefix, property.Name),
                    $"unknown field; a descriptor row holds id and {string.Join(", ", columns)} (a spec holds grid, active_material, binder)"));
                continue;
            }

            if (seen[d])
            {
                errors.Add(new FieldError(Field(prefix, property.Name), "appears more than once; a descriptor row holds each field once"));
                continue;
            }

            seen[d] = true;
            if (property.Value.ValueKind != JsonValueKind.Number)
            {
                errors.Add(new FieldError(Field(prefix, property.Name), $"must be a finite JSON number in {Descriptors.All[d].Range}, got {Describe(property.Value.ValueKind)}"));
                continue;
            }

            if (!property.Value.TryGetDouble(out var value) || !double.IsFinite(value))
            {
                errors.Add(new FieldError(Field(prefix, property.Name), $"{Excerpt(property.Value.GetRawText())} is beyond the finite double range; allowed {Descriptors.All[d].Range}"));
                continue;
            }

            values[d] = value;
            if (Descriptors.All[d].Check(value) is { } problem)
            {
                errors.Add(new FieldError(Field(prefix, property.Name), problem));
            }
        }

        for (var d = 0; d < columns.Count; d++)
        {
            if (!seen[d])
            {
                errors.Add(new FieldError(Field(prefix, columns[d]), "is missing: a descriptor row needs all eleven descriptor columns"));
            }
        }

        return errors.Count > 0 ? throw InvalidMessageException.From(errors) : PredictionInput.FromDescriptors(id, values);
    }

    private static int IndexOf(IReadOnlyList<string> columns, string name)
    {
        for (var i = 0; i < columns.Count; i++)
        {
            if (columns[i] == name)
            {
                return i;
            }
        }

        return -1;
    }

    /// <summary>A number's text as far as an error message quotes it: a 100,000-digit literal is not echoed whole.</summary>
    private static string Excerpt(string text) => text.Length <= 32 ? text : text[..32] + "…";

    private static string Field(string? prefix, string name) => prefix is null ? name : $"{prefix}.{name}";

    private static string Describe(JsonValueKind kind) => kind.ToString().ToLower(CultureInfo.InvariantCulture);
}

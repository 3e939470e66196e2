using MesoStream.Contracts.Vocabulary;
using System.Text;
using System.Text.Json;
using MesoStream.Contracts.Specs;
using MesoStream.Generator;
using MesoStream.Contracts.Predictions;
using MesoStream.Trainer.Benchmarking;

namespace MesoStream.Services.Tests;

/// <summary>
/// One class of bad prediction request: its body, and the field and reason the refusal must name. A spec's structure is
/// described after parsing, as element [0] of the batch an HTTP body is, hence <see cref="HttpField"/>.
/// </summary>
public sealed record BadRequest(string Class, byte[] Body, string Field, string Reason)
{
    public string? HttpField { get; init; }

    public BadRequest(string @class, string body, string field, string reason)
        : this(@class, Encoding.UTF8.GetBytes(body), field, reason)
    {
    }

    public override string ToString() => Class;
}

/// <summary>
/// The bad prediction requests both transports must refuse the same way (a 400 naming the field over HTTP, a dead
/// letter naming it over Kafka), built around one good descriptor row.
/// </summary>
public static class PredictorBadInputCorpus
{
    /// <summary>A valid descriptor row, inside every limit and the synthetic training ranges.</summary>
    public static Dictionary<string, object> GoodRow { get; } = PredictorHarness.RowRequest(SyntheticDataset.Create(1, seed: 5)[0]);

    public static string GoodJson => JsonSerializer.Serialize(GoodRow);

    /// <summary>A row whose <paramref name="field"/> holds <paramref name="rawJson"/> verbatim (any token, valid or not).</summary>
    public static string RowWith(string field, string rawJson)
    {
        var json = JsonSerializer.Serialize(GoodRow.Where(kv => kv.Key != field).ToDictionary());
        return json[..^1] + $",\"{field}\":{rawJson}}}";
    }

    /// <summary>An object of <paramref name="count"/> unknown fields named like <c>unknown_0000042</c>, padded to <paramref name="nameLength"/>.</summary>
    public static string UnknownFields(int count, int nameLength) =>
        "{" + string.Join(",", Enumerable.Range(0, count).Select(i => $"\"{UnknownField(i, nameLength)}\":0")) + "}";

    public static string UnknownField(int i, int nameLength) =>
        ("unknown_" + i.ToString("D7", System.Globalization.CultureInfo.InvariantCulture)).PadRight(nameLength, '_');

    public static string Spec(int edge, double omega = 0.5) =>
        (GeneratorPresets.Fast(3) with { Id = $"spec-{edge}", Grid = new GridSpec(edge, edge, edge, 1.0), Binder = new BinderSpec(0.05, omega) }).ToJson();

    /// <summary>The classes both transports share; <paramref name="manyUnknownFields"/> sizes the hostile object of unknown fields.</summary>
    public static IReadOnlyList<BadRequest> Shared(int manyUnknownFields, int unknownNameLength)
    {
        var good = GoodJson;
        var invalidUtf8 = Encoding.UTF8.GetBytes(RowWith("id", "\"r\u00e9\"")).ToArray();
        invalidUtf8[Array.IndexOf(invalidUtf8, (byte)0xC3) + 1] = 0x28;
        List<BadRequest> corpus =
        [
            new("malformed JSON", "{\"v_am\": ", "$", "malformed JSON"),
            new("truncated JSON", good[..(good.Length / 2)], "$", "malformed JSON"),
            new("empty body", "", "$", "malformed JSON"),
            new("invalid UTF-8 inside a string", invalidUtf8, "$", "is not valid UTF-8"),
            new("one unknown field", RowWith("porosity", "0.3"), "porosity", "unknown field"),
            new($"{manyUnknownFields} unknown fields", UnknownFields(manyUnknownFields, unknownNameLength), UnknownField(0, unknownNameLength), "unknown field"),
            new("missing required field", JsonSerializer.Serialize(GoodRow.Where(kv => kv.Key != "v_s").ToDictionary()), "v_s", "is missing"),
            new("NaN as a string", RowWith("v_am", "\"NaN\""), "v_am", "must be a finite JSON number"),
            new("Infinity literal", RowWith("v_am", "Infinity"), "$", "malformed JSON"),
            new("string for a number", RowWith("v_am", "\"0.6\""), "v_am", "got string"),
            new("null for a number", RowWith("v_am", "null"), "v_am", "got null"),
            new("object for a number", RowWith("v_am", "{\"value\":0.6}"), "v_am", "got object"),
            new("v_am = 1e-300, positive but below the floor", RowWith("v_am", "1e-300"), "v_am", "1E-300 is outside the allowed range [7.45E-09, 1]"),
            new("negative value", RowWith("sphericity", "-0.5"), "sphericity", "-0.5 is outside the allowed range"),
            new("huge number 1e308", RowWith("r_eq", "1e308"), "r_eq", "1E+308 is outside the allowed range [0.005, 500]"),
            new("number beyond the double range", RowWith("v_am", "1e400"), "v_am", "1e400 is beyond the finite double range"),
            new("empty id", RowWith("id", "\"\""), "id", "non-empty string"),
            new("overlong id", RowWith("id", $"\"{new string('x', SpecLimits.MaxIdLength + 1)}\""), "id", "at most 128 characters"),
            new("id with a control character", RowWith("id", "\"r1\\u0007\""), "id", "control character U+0007"),
            new("id with an unpaired surrogate", RowWith("id", "\"r1\\ud800\""), "id", "unpaired surrogate"),
            new("deep nesting", RowWith("a1", new string('[', 100) + new string(']', 100)), "$", "depth"),
            new("duplicate keys", RowWith("v_am", "0.6,\"v_am\":0.61"), "v_am", "appears more than once"),
            new("spec grid above 200³", Spec(256), "grid", "at most 8,000,000 voxels"),
            new("spec of an unknown schema version", Spec(32).Replace(StructureSpec.SchemaId, "mesostream.structure-spec/9", StringComparison.Ordinal), "schema", "unknown schema"),
            new("spec breaking its contract", Spec(32).Replace("\"volume_fraction\":0.6", "\"volume_fraction\":0.99", StringComparison.Ordinal), "active_material.volume_fraction", "0.9"),
            new("spec whose structure leaves the descriptor domain", Spec(24, omega: 1e-300), "omega", "from the spec's structure: 1E-300 is outside the allowed range") { HttpField = "[0].omega" },
        ];
        // Every descriptor just above its upper limit: each limit is enforced and named on its own.
        foreach (var limit in Descriptors.All)
        {
            var above = (limit.Max * 2).ToString("R", System.Globalization.CultureInfo.InvariantCulture);
            corpus.Add(new($"{limit.Name} above its range", RowWith(limit.Name, above), limit.Name, $"outside the allowed range {limit.Range}"));
        }

        return corpus;
    }
}

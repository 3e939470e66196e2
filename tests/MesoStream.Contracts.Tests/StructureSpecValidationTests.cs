using MesoStream.Contracts.Messaging;
using MesoStream.Contracts.Specs;

namespace MesoStream.Contracts.Tests;

public class StructureSpecValidationTests
{
    private const string Valid = """
        {"schema":"mesostream.structure-spec/1","id":"demo-1","seed":42,
         "grid":{"nx":64,"ny":64,"nz":64,"voxel_um":1.0},
         "active_material":{"volume_fraction":0.6,"axes_um":[6,4,4],"a1":1,"a2":1},
         "binder":{"volume_fraction":0.07,"omega":0.5},"campaign":"c1"}
        """;

    [Fact]
    public void A_valid_spec_parses_every_field()
    {
        var spec = StructureSpec.Parse(Valid);
        Assert.Equal("demo-1", spec.Id);
        Assert.Equal(42, spec.Seed);
        Assert.Equal(new GridSpec(64, 64, 64, 1.0), spec.Grid);
        Assert.Equal(new SemiAxes(6, 4, 4), spec.ActiveMaterial.AxesUm);
        Assert.Equal(0.6, spec.ActiveMaterial.VolumeFraction);
        Assert.Equal(new BinderSpec(0.07, 0.5), spec.Binder);
        Assert.Equal("c1", spec.Campaign);
        Assert.Equal(0.33, spec.PoreFraction, 12);
    }

    [Fact]
    public void Writing_and_parsing_round_trips()
    {
        var spec = StructureSpec.Parse(Valid);
        Assert.Equal(spec, StructureSpec.Parse(spec.ToJson()));
        Assert.Equal(spec, StructureSpec.Parse(spec.ToJson(indented: true)));
    }

    [Fact]
    public void A_missing_id_defaults_to_a_stable_content_hash_that_ignores_the_campaign()
    {
        var withoutId = Valid.Replace("\"id\":\"demo-1\",", "");
        var a = StructureSpec.Parse(withoutId);
        var b = StructureSpec.Parse(withoutId.Replace("\"campaign\":\"c1\"", "\"campaign\":\"other\""));
        var c = StructureSpec.Parse(withoutId.Replace("\"seed\":42", "\"seed\":43"));
        Assert.Matches("^s-[0-9a-f]{16}$", a.Id);
        Assert.Equal(a.Id, b.Id);
        Assert.NotEqual(a.Id, c.Id);
        Assert.Equal(a.Id, a.ContentId());
    }

    public static TheoryData<string, string, string> BadSpecs => new()
    {
        { "{\"seed\":", "$", "malformed JSON" },
        { "[1,2,3]", "$", "must be a JSON object" },
        { Valid.Replace("mesostream.structure-spec/1", "mesostream.structure-spec/9"), "schema", "unknown schema \"mesostream.structure-spec/9\"" },
        { Valid.Replace("\"seed\":42,", ""), "seed", "is required: an integer in [0, 9007199254740991]" },
        { Valid.Replace("\"seed\":42", "\"seed\":-1"), "seed", "-1 is out of range: allowed [0, 9007199254740991]" },
        { Valid.Replace("\"seed\":42", "\"seed\":4.5"), "seed", "must be an integer" },
        { Valid.Replace("\"nx\":64", "\"nx\":0"), "grid.nx", "0 is out of range: allowed [8, 512]" },
        { Valid.Replace("\"nz\":64", "\"nz\":513"), "grid.nz", "513 is out of range: allowed [8, 512]" },
        { Valid.Replace("\"voxel_um\":1.0", "\"voxel_um\":-1"), "grid.voxel_um", "-1 is out of range: allowed [0.01, 100]" },
        { Valid.Replace("\"voxel_um\":1.0", "\"voxel_um\":\"NaN\""), "grid.voxel_um", "must be a finite number in [0.01, 100], got the string \"NaN\"" },
        { Valid.Replace("\"voxel_um\":1.0", "\"voxel_um\":1e999"), "grid.voxel_um", "must be a finite number" },
        { Valid.Replace("\"volume_fraction\":0.6", "\"volume_fraction\":1.2"), "active_material.volume_fraction", "1.2 is out of range: allowed [0.05, 0.9]" },
        { Valid.Replace("\"volume_fraction\":0.6", "\"volume_fraction\":0.9").Replace("\"volume_fraction\":0.07", "\"volume_fraction\":0.2"), "binder.volume_fraction", "= 1.1 must be ≤ 0.95" },
        { Valid.Replace("\"omega\":0.5", "\"omega\":1.5"), "binder.omega", "1.5 is out of range: allowed [0, 1]" },
        { Valid.Replace("[6,4,4]", "[6,4]"), "active_material.axes_um", "must be an array of exactly 3 numbers" },
        { Valid.Replace("[6,4,4]", "[6,0,4]"), "active_material.axes_um[1]", "0 is out of range: allowed [0.1, 500]" },
        { Valid.Replace("[6,4,4]", "[6,4,0.3]"), "active_material.axes_um[2]", "below half a voxel" },
        { Valid.Replace("\"a1\":1", "\"a1\":0"), "active_material.a1", "0 is out of range: allowed [0.01, 1000]" },
        { Valid.Replace("\"binder\":{\"volume_fraction\":0.07,\"omega\":0.5},", ""), "binder", "is required" },
        { Valid.Replace("\"a2\":1}", "\"a2\":1,\"colour\":\"red\"}"), "active_material.colour", "unknown field; allowed here: volume_fraction, axes_um, a1, a2" },
        { Valid.Replace("\"campaign\":\"c1\"", "\"campaing\":\"c1\""), "campaing", "unknown field" },
        { Valid.Replace("\"id\":\"demo-1\"", "\"id\":\"../etc\""), "id", "\"../etc\" has a character outside the id alphabet; allowed: 1 to 128 characters: a letter or digit" },
        { Valid.Replace("\"grid\":{", "\"grid\":{\"nx\":32,"), "grid.nx", "appears twice" },
        { Valid.Replace("\"omega\":0.5", "\"omega\":null"), "binder.omega", "must be a finite number in [0, 1], got null" },
    };

    [Theory]
    [MemberData(nameof(BadSpecs))]
    public void A_bad_spec_names_the_field_and_the_allowed_range(string json, string field, string message)
    {
        var error = Assert.Throws<InvalidMessageException>(() => StructureSpec.Parse(json));
        var match = Assert.Single(error.Errors, e => e.Field == field);
        Assert.Contains(message, match.Message);
    }

    [Fact]
    public void Invalid_utf8_inside_a_string_names_the_document_and_the_byte()
    {
        var utf8 = System.Text.Encoding.UTF8.GetBytes(Valid.Replace("\"c1\"", "\"c\u00e9\""));
        var at = utf8.AsSpan().IndexOf("\u00e9"u8);
        utf8[at + 1] = 0x28; // a lead byte followed by a byte that is not a continuation byte

        var error = Assert.Throws<InvalidMessageException>(() => StructureSpec.Parse(utf8));
        Assert.Equal("$", Assert.Single(error.Errors).Field);
        Assert.Contains($"is not valid UTF-8 (byte {at})", error.Message);
    }

    [Fact]
    public void An_empty_payload_is_refused_as_empty()
    {
        var error = Assert.Throws<InvalidMessageException>(() => StructureSpec.Parse(ReadOnlySpan<byte>.Empty));
        Assert.Equal("$", error.Errors[0].Field);
        Assert.Contains("is empty", error.Message);
    }

    [Theory]
    [InlineData("")]
    [InlineData("s-1\n")]
    [InlineData("-leading-dash")]
    [InlineData("with space")]
    public void Ids_outside_the_id_rule_are_refused(string id)
    {
        var json = Valid.Replace("\"demo-1\"", System.Text.Json.JsonSerializer.Serialize(id));
        var error = Assert.Throws<InvalidMessageException>(() => StructureSpec.Parse(json));
        Assert.Equal("id", Assert.Single(error.Errors).Field);
    }

    [Fact]
    public void An_id_of_the_maximum_length_is_accepted_and_one_more_character_is_not()
    {
        var longest = new string('a', SpecLimits.MaxIdLength);
        Assert.Equal(longest, StructureSpec.Parse(Valid.Replace("demo-1", longest)).Id);
        var error = Assert.Throws<InvalidMessageException>(() => StructureSpec.Parse(Valid.Replace("demo-1", longest + "a")));
        Assert.Equal("id", Assert.Single(error.Errors).Field);
    }

    [Fact]
    public void A_report_stays_small_whatever_the_spec_quotes()
    {
        var hugeName = Valid.Replace("\"campaign\":\"c1\"", $"\"{new string('x', 1_000_000)}\":1");
        var hugeNumber = Valid.Replace("\"seed\":42", $"\"seed\":{new string('9', 1_000_000)}");
        var manyFields = Valid.Replace("\"campaign\":\"c1\"", string.Join(",", Enumerable.Range(0, 200_000).Select(i => $"\"f{i}\":0")));

        var errors = new[] { hugeName, hugeNumber, manyFields }.Select(json => Assert.Throws<InvalidMessageException>(() => StructureSpec.Parse(json))).ToList();
        foreach (var error in errors)
        {
            Assert.InRange(error.Message.Length, 1, FieldErrors.MaxKept * (FieldError.MaxFieldChars + FieldError.MaxMessageChars + 4) + 64);
            Assert.All(error.Errors, e => Assert.InRange(e.Field.Length, 1, FieldError.MaxFieldChars));
        }

        Assert.Equal(200_000, errors[2].TotalErrors);
    }

    [Fact]
    public void Nesting_deeper_than_the_reader_allows_is_malformed_json()
    {
        var deep = Valid.Replace("\"campaign\":\"c1\"", "\"campaign\":" + new string('[', 10_000) + new string(']', 10_000));
        var error = Assert.Throws<InvalidMessageException>(() => StructureSpec.Parse(deep));
        Assert.Equal("$", error.Errors[0].Field);
        Assert.Contains("malformed JSON", error.Message);
    }

    [Fact]
    public void A_corrupted_spec_gives_a_clear_error_not_a_crash()
    {
        CorruptCopies.AreDecodedOrRefusedByName(json => StructureSpec.Parse(json.Span), System.Text.Encoding.UTF8.GetBytes(Valid), seed: 17, count: 3000);
    }

    [Fact]
    public void Every_violation_is_reported_at_once()
    {
        var json = Valid.Replace("\"nx\":64", "\"nx\":1").Replace("\"omega\":0.5", "\"omega\":7").Replace("\"seed\":42", "\"seed\":\"x\"");
        var error = Assert.Throws<InvalidMessageException>(() => StructureSpec.Parse(json));
        Assert.Equal(["binder.omega", "grid.nx", "seed"], error.Errors.Select(e => e.Field).Order());
    }
}

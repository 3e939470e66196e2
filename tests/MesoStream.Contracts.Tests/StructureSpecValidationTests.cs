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
        { Valid.Replace("\"id\":\"demo-1\"", "\"id\":\"../etc\""), "id", "must start with a letter or digit" },
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
    public void Every_violation_is_reported_at_once()
    {
        var json = Valid.Replace("\"nx\":64", "\"nx\":1").Replace("\"omega\":0.5", "\"omega\":7").Replace("\"seed\":42", "\"seed\":\"x\"");
        var error = Assert.Throws<InvalidMessageException>(() => StructureSpec.Parse(json));
        Assert.Equal(["binder.omega", "grid.nx", "seed"], error.Errors.Select(e => e.Field).Order());
    }
}

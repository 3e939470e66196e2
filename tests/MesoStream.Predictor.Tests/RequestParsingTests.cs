using System.Text;
using MesoStream.Contracts.Messaging;
using MesoStream.Generator;
using MesoStream.Contracts.Predictions;
using MesoStream.Trainer.Benchmarking;
using MesoStream.Trainer.Dataset;

namespace MesoStream.Predictor.Tests;

/// <summary>Prediction requests as JSON and CSV: what is accepted, and that every rejection names the field and the range.</summary>
public sealed class RequestParsingTests
{
    internal const string Row = """{"id":"r1","v_am":0.6,"v_s":0.07,"omega":0.5,"gamma":0.3,"r_eq":4.5,"eccentricity":1.5,"rectangularity":0.52,"sphericity":0.95,"mean_pore_size":2.5,"a1":1,"a2":2}""";

    [Fact]
    public void A_row_gives_its_descriptors_in_D1_to_D11_order()
    {
        var input = PredictionRequestJson.ParseOne(Encoding.UTF8.GetBytes(Row));
        Assert.Equal(InputKind.Descriptors, input.Kind);
        Assert.Equal("r1", input.Id);
        Assert.Equal([0.6, 0.07, 0.5, 0.3, 4.5, 1.5, 0.52, 0.95, 2.5, 1, 2], input.Descriptors!);
    }

    [Fact]
    public void A_spec_is_recognised_and_validated_by_the_spec_contract()
    {
        var spec = GeneratorPresets.Fast(3);
        var input = PredictionRequestJson.ParseOne(Encoding.UTF8.GetBytes(spec.ToJson()));
        Assert.Equal(InputKind.Spec, input.Kind);
        Assert.Equal(spec, input.Spec);

        var tooLarge = spec with { Grid = new Contracts.Specs.GridSpec(256, 256, 256, 1.0) };
        var error = Assert.Throws<InvalidMessageException>(() => PredictionRequestJson.ParseOne(Encoding.UTF8.GetBytes(tooLarge.ToJson())));
        Assert.Equal("grid", Assert.Single(error.Errors).Field);
    }

    [Fact]
    public void Every_bad_field_of_a_batch_is_reported_at_once_with_its_position()
    {
        var body = $"[{Row}, {Row.Replace("\"v_am\":0.6", "\"v_am\":\"NaN\"", StringComparison.Ordinal).Replace("\"a2\":2", "\"a2\":5000", StringComparison.Ordinal)}, 7]";
        var error = Assert.Throws<InvalidMessageException>(() => PredictionRequestJson.ParseBody(Encoding.UTF8.GetBytes(body)));
        Assert.Equal(["[1].v_am", "[1].a2", "[2]"], error.Errors.Select(e => e.Field));
        Assert.Contains("[7.45E-09, 1]", error.Errors[0].Message, StringComparison.Ordinal);
        Assert.Contains("[0.01, 1000]", error.Errors[1].Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("{\"v_am\":", "$")]
    [InlineData("\"text\"", "$")]
    [InlineData("[]", "$")]
    public void Bodies_that_hold_no_input_are_refused_at_the_root(string body, string field)
    {
        var error = Assert.Throws<InvalidMessageException>(() => PredictionRequestJson.ParseBody(Encoding.UTF8.GetBytes(body)));
        Assert.Equal(field, Assert.Single(error.Errors).Field);
    }

    [Theory]
    [InlineData("\"v_am\":0.6", "\"v_am\":0.6,\"v_am\":0.7", "v_am", "appears more than once")]
    [InlineData("\"id\":\"r1\"", "\"id\":\"r1\",\"id\":\"r2\"", "id", "appears more than once")]
    [InlineData("\"id\":\"r1\"", "\"id\":\"r\\n1\"", "id", "control character U+000A")]
    [InlineData("\"id\":\"r1\"", "\"id\":\"r\\ud800\"", "id", "unpaired surrogate")]
    [InlineData("\"id\":\"r1\"", "\"id\":\"\"", "id", "non-empty string")]
    [InlineData("\"v_am\":0.6", "\"v_am\":1e400", "v_am", "1e400 is beyond the finite double range")]
    [InlineData("\"v_am\":0.6", "\"v_am\":1e308", "v_am", "outside the allowed range")]
    [InlineData("\"v_am\":0.6", "\"v_am\":-0.6", "v_am", "outside the allowed range")]
    [InlineData("\"v_am\":0.6", "\"v_am\":{\"a\":[[[[[[[[[[[[[[[[[[1]]]]]]]]]]]]]]]]]}", "$", "depth")]
    public void A_row_with_a_repeated_unprintable_or_unrepresentable_field_is_refused_naming_it(string field, string replacement, string expected, string reason)
    {
        var error = Assert.Throws<InvalidMessageException>(() => PredictionRequestJson.ParseOne(Encoding.UTF8.GetBytes(Row.Replace(field, replacement, StringComparison.Ordinal))));
        Assert.Equal(expected, Assert.Single(error.Errors).Field);
        Assert.Contains(reason, error.Errors[0].Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Invalid_utf8_inside_a_string_is_refused_at_the_root()
    {
        var bytes = Encoding.UTF8.GetBytes(Row.Replace("\"r1\"", "\"r\u00e91\"", StringComparison.Ordinal)).ToList();
        var at = bytes.IndexOf(0xC3);
        bytes[at + 1] = 0x28; // C3 28: a lead byte followed by no continuation byte
        var error = Assert.Throws<InvalidMessageException>(() => PredictionRequestJson.ParseOne([.. bytes]));
        Assert.Equal("$", Assert.Single(error.Errors).Field);
        Assert.Contains("UTF-8", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_specs_of_one_request_share_a_voxel_budget_named_in_the_error()
    {
        var spec = GeneratorPresets.Fast(3) with { Grid = new Contracts.Specs.GridSpec(200, 200, 200, 1.0) };
        var two = $"[{spec.ToJson()},{spec.ToJson()}]";
        Assert.Equal(2, PredictionRequestJson.ParseBody(Encoding.UTF8.GetBytes(two)).Count);

        var three = $"[{spec.ToJson()},{spec.ToJson()},{spec.ToJson()}]";
        var error = Assert.Throws<InvalidMessageException>(() => PredictionRequestJson.ParseBody(Encoding.UTF8.GetBytes(three)));
        Assert.Equal("$", Assert.Single(error.Errors).Field);
        Assert.Contains("24,000,000 voxels in all; at most 16,000,000 per request", error.Errors[0].Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_dataset_csv_reads_as_descriptor_rows_and_a_bad_cell_names_line_and_column()
    {
        var rows = SyntheticDataset.Create(3, seed: 4);
        var text = new StringWriter();
        DatasetCsv.Write(rows, text);
        var inputs = DescriptorRowsCsv.Read(new StringReader(text.ToString()));
        Assert.Equal(rows.Select(r => r.Id), inputs.Select(i => i.Id));
        Assert.Equal(rows[1].MeanPoreRadiusUm, inputs[1].Descriptors![8]);

        var error = Assert.Throws<InvalidMessageException>(() => DescriptorRowsCsv.Read(new StringReader("id,v_am,v_s,omega,gamma,r_eq,eccentricity,rectangularity,sphericity,mean_pore_size,a1,a2\nx,0.6,0,0.5,0.3,4.5,1.5,0.5,0.9,2.5,1,1\n")));
        Assert.Equal("line 2, v_s", Assert.Single(error.Errors).Field);
        var header = Assert.Throws<InvalidMessageException>(() => DescriptorRowsCsv.Read(new StringReader("id,v_am\n")));
        Assert.Contains("v_s", header.Message, StringComparison.Ordinal);
    }
}

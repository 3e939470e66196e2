using System.Text;
using MesoStream.Contracts.Messaging;
using MesoStream.Generator;
using MesoStream.Predictor.Requests;
using MesoStream.Trainer.Benchmarking;
using MesoStream.Trainer.Dataset;

namespace MesoStream.Predictor.Tests;

/// <summary>Prediction requests as JSON and CSV: what is accepted, and that every rejection names the field and the range.</summary>
public sealed class RequestParsingTests
{
    private const string Row = """{"id":"r1","v_am":0.6,"v_s":0.07,"omega":0.5,"gamma":0.3,"r_eq":4.5,"eccentricity":1.5,"rectangularity":0.52,"sphericity":0.95,"mean_pore_size":2.5,"a1":1,"a2":2}""";

    [Fact]
    public void The_descriptor_limits_follow_the_dataset_descriptor_order()
    {
        Assert.Equal(DatasetColumns.Descriptors, DescriptorLimits.All.Select(l => l.Column));
    }

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
        Assert.Contains("(0, 1]", error.Errors[0].Message, StringComparison.Ordinal);
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

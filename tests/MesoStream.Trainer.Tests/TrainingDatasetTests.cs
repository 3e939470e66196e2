using MesoStream.Contracts.Arrow;
using MesoStream.Contracts.Messaging;
using MesoStream.Trainer.Dataset;

namespace MesoStream.Trainer.Tests;

public sealed class TrainingDatasetTests : IDisposable
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "mesostream-dataset-" + Guid.NewGuid().ToString("N"));

    private static DatasetRecord Row(string id, double seed)
    {
        var record = new DatasetRecord { Id = id };
        var k = 0;
        foreach (var column in DatasetColumns.All)
        {
            column.Set(record, seed + 0.01 * k++);
        }

        return record;
    }

    [Fact]
    public void Duplicates_and_replays_do_not_double_count()
    {
        var dataset = TrainingDataset.InMemory();
        Assert.Equal((3, 0), dataset.Fold([Row("a", 1), Row("b", 2), Row("c", 3)]));
        Assert.Equal((1, 3), dataset.Fold([Row("a", 1), Row("b", 2), Row("d", 4), Row("a", 9)]));
        Assert.Equal(4, dataset.Count);
        Assert.Equal(1.0, dataset.Rows.Single(r => r.Id == "a").ActiveFraction);
    }

    [Fact]
    public async Task A_restart_resumes_from_the_persisted_dataset()
    {
        var first = await TrainingDataset.OpenAsync(_directory);
        var b = Row("b", 2);
        b.TauY = double.PositiveInfinity;
        first.Fold([Row("a", 1), b]);
        await first.SaveAsync();

        var reopened = await TrainingDataset.OpenAsync(_directory);
        Assert.Equal(2, reopened.Count);
        Assert.Equal(first.ContentHash(), reopened.ContentHash());
        Assert.Equal(double.PositiveInfinity, reopened.Rows[1].TauY);
        Assert.Equal((0, 2), reopened.Fold([Row("a", 1), Row("b", 2)]));
        Assert.False(File.Exists(Path.Combine(_directory, TrainingDataset.FileName + ".tmp")));

        // pandas sees the same snake_case columns as the CSV.
        await using var stream = File.OpenRead(Path.Combine(_directory, TrainingDataset.FileName));
        await using var reader = await Parquet.ParquetReader.CreateAsync(stream);
        Assert.Equal(DatasetCsv.Header.Split(','), reader.Schema.GetDataFields().Select(f => f.Name));
    }

    [Fact]
    public void The_content_hash_ignores_arrival_order_and_sees_any_value_change()
    {
        var ab = TrainingDataset.InMemory();
        ab.Fold([Row("a", 1), Row("b", 2)]);
        var ba = TrainingDataset.InMemory();
        ba.Fold([Row("b", 2), Row("a", 1)]);
        var changed = TrainingDataset.InMemory();
        changed.Fold([Row("a", 1), Row("b", 2.0000001)]);
        Assert.Equal(ab.ContentHash(), ba.ContentHash());
        Assert.NotEqual(ab.ContentHash(), changed.ContentHash());
    }

    [Fact]
    public void Csv_round_trips_with_infinite_tortuosity_and_refuses_bad_cells()
    {
        var rows = new[] { Row("a", 1), Row("b", 2) };
        rows[1].TauZ = double.PositiveInfinity;
        var writer = new StringWriter();
        DatasetCsv.Write(rows, writer);
        var text = writer.ToString();
        Assert.StartsWith("id,v_am,v_s,omega,gamma,r_eq,eccentricity,rectangularity,sphericity,mean_pore_size,a1,a2,tau_x,tau_y,tau_z,sigma_x,sigma_y,sigma_z,a01,a02,a12\n", text);
        Assert.Contains(",inf,", text);

        var back = DatasetCsv.Read(new StringReader(text));
        Assert.Equal(rows.Select(r => (r.Id, r.TauZ, r.A12)), back.Select(r => (r.Id, r.TauZ, r.A12)));

        var badCell = Assert.Throws<InvalidMessageException>(() => DatasetCsv.Read(new StringReader(text.Replace(",inf,", ",oops,"))));
        Assert.Equal("line 3, tau_z", badCell.Errors[0].Field);
        Assert.Equal("header", Assert.Throws<InvalidMessageException>(() => DatasetCsv.Read(new StringReader("id,x\n"))).Errors[0].Field);
    }

    [Fact]
    public void A_descriptor_row_maps_onto_the_dataset_columns_and_a_missing_column_is_named()
    {
        var numeric = DatasetColumns.All.Select((c, i) => new KeyValuePair<string, double[]>(c.Column, [10.0 + i])).ToList();
        var batch = new FeatureBatch(["s-1"], numeric);
        var record = Assert.Single(DatasetColumns.FromFeatureBatch(batch));
        Assert.Equal(("s-1", 10.0, 14.0, 18.0, 29.0), (record.Id, record.ActiveFraction, record.EquivalentRadiusUm, record.MeanPoreRadiusUm, record.A12));

        var incomplete = new FeatureBatch(["s-1"], numeric.Where(c => c.Key != "mean_pore_size").ToList());
        Assert.Equal("mean_pore_size", Assert.Throws<InvalidMessageException>(() => DatasetColumns.FromFeatureBatch(incomplete).ToList()).Errors[0].Field);
    }

    public void Dispose()
    {
        if (Directory.Exists(_directory))
        {
            Directory.Delete(_directory, recursive: true);
        }
    }
}

using MesoStream.Contracts.Messaging;
using Parquet;
using Parquet.Schema;

namespace MesoStream.Trainer.Dataset;

/// <summary>
/// The dataset as Parquet (readable with pandas): a string <c>id</c> column and one float64 column per
/// <see cref="DatasetColumns.All"/> entry, the schema built from the vocabulary rather than from attributes.
/// </summary>
public static class DatasetParquet
{
    private static readonly DataField<string> IdField = new("id");

    private static readonly ParquetSchema Schema =
        new([IdField, .. DatasetColumns.All.Select(c => (Field)new DataField<double>(c.Column))]);

    public static async Task WriteAsync(IReadOnlyList<DatasetRecord> rows, Stream stream, CancellationToken cancellationToken = default)
    {
        await using var writer = await ParquetWriter.CreateAsync(Schema, stream, cancellationToken: cancellationToken);
        using var group = writer.CreateRowGroup();
        var fields = Schema.GetDataFields();
        await group.WriteAsync(fields[0], rows.Select(r => r.Id).ToArray());
        for (int c = 0; c < DatasetColumns.All.Count; c++)
        {
            var get = DatasetColumns.All[c].Get;
            await group.WriteAsync<double>(fields[c + 1], rows.Select(get).ToArray(), cancellationToken: cancellationToken);
        }
    }

    /// <summary>Reads a dataset Parquet file; a missing column is refused, naming it.</summary>
    public static async Task<List<DatasetRecord>> ReadAsync(Stream stream, CancellationToken cancellationToken = default)
    {
        await using var reader = await ParquetReader.CreateAsync(stream, cancellationToken: cancellationToken);
        var byName = reader.Schema.GetDataFields().ToDictionary(f => f.Name, StringComparer.Ordinal);
        DataField Field(string name) => byName.GetValueOrDefault(name)
            ?? throw new InvalidMessageException(name, "column is missing from the Parquet dataset");
        var idField = Field(IdField.Name);
        var valueFields = DatasetColumns.All.Select(c => Field(c.Column)).ToArray();
        var rows = new List<DatasetRecord>();
        for (int g = 0; g < reader.RowGroupCount; g++)
        {
            using var group = reader.OpenRowGroupReader(g);
            int count = checked((int)group.RowCount);
            var ids = new string?[count];
            await group.ReadAsync(idField, ids.AsMemory(), cancellationToken: cancellationToken);
            int start = rows.Count;
            rows.AddRange(ids.Select(id => new DatasetRecord { Id = id ?? throw new InvalidMessageException("id", "is null in the Parquet dataset") }));
            var values = new double[count];
            for (int c = 0; c < valueFields.Length; c++)
            {
                await group.ReadAsync<double>(valueFields[c], values.AsMemory(), cancellationToken: cancellationToken);
                var set = DatasetColumns.All[c].Set;
                for (int r = 0; r < count; r++)
                {
                    set(rows[start + r], values[r]);
                }
            }
        }

        return rows;
    }
}

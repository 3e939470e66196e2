using Apache.Arrow;
using Apache.Arrow.Types;
using MesoStream.Contracts.Messaging;
using MesoStream.Contracts.Specs;

namespace MesoStream.Contracts.Arrow;

/// <summary>
/// Arrow IPC codec of <see cref="FeatureBatch"/> (schema <see cref="SchemaId"/>): a non-null utf8 <c>id</c> column, then
/// every numeric column as non-null float64 in order, then every text column as nullable utf8.
/// </summary>
public static class FeatureBatchCodec
{
    public const string SchemaId = "mesostream.feature-batch/1";

    public static byte[] Encode(FeatureBatch batch, ArrowCompression compression = ArrowCompression.Zstd)
    {
        var schema = new Schema.Builder().Field(f => f.Name("id").DataType(StringType.Default).Nullable(false));
        var columns = new List<IArrowArray> { new StringArray.Builder().AppendRange(batch.Ids).Build() };
        foreach (var (name, values) in batch.Numeric)
        {
            schema.Field(f => f.Name(name).DataType(DoubleType.Default).Nullable(false));
            columns.Add(new DoubleArray(new ArrowBuffer(System.Runtime.InteropServices.MemoryMarshal.AsBytes(values.AsSpan()).ToArray()),
                ArrowBuffer.Empty, values.Length, 0, 0));
        }

        foreach (var (name, values) in batch.Text)
        {
            schema.Field(f => f.Name(name).DataType(StringType.Default).Nullable(true));
            var builder = new StringArray.Builder();
            foreach (var v in values)
            {
                if (v is null)
                {
                    builder.AppendNull();
                }
                else
                {
                    builder.Append(v);
                }
            }

            columns.Add(builder.Build());
        }

        using var record = new RecordBatch(schema.Metadata(ArrowIpc.SchemaMetadataKey, SchemaId).Build(), columns, batch.RowCount);
        return ArrowIpc.Write(record, compression);
    }

    public static FeatureBatch Decode(ReadOnlyMemory<byte> payload)
    {
        using var record = ArrowIpc.ReadSingle(payload, SchemaId);
        var fields = record.Schema.FieldsList;
        if (fields.Count == 0 || fields[0].Name != "id" || ArrowColumns.Column(record, 0) is not StringArray idColumn)
        {
            throw new InvalidMessageException("id", "the first column must be the utf8 column \"id\"");
        }

        var ids = new string[record.Length];
        for (var r = 0; r < ids.Length; r++)
        {
            ids[r] = StructureId.Require($"id[{r}]", ArrowColumns.String(idColumn, "id", r));
        }

        var numeric = new List<KeyValuePair<string, double[]>>();
        var text = new List<KeyValuePair<string, string?[]>>();
        for (var c = 1; c < fields.Count; c++)
        {
            var name = fields[c].Name;
            switch (ArrowColumns.Column(record, c))
            {
                case DoubleArray doubles when doubles.NullCount == 0:
                    numeric.Add(new(name, ArrowColumns.Read(name, () => doubles.Values.Slice(0, record.Length).ToArray())));
                    break;
                case StringArray strings:
                    var values = new string?[record.Length];
                    for (var r = 0; r < values.Length; r++)
                    {
                        values[r] = ArrowColumns.String(strings, name, r);
                    }

                    text.Add(new(name, values));
                    break;
                default:
                    throw new InvalidMessageException(name,
                        $"column type {fields[c].DataType.Name} is not allowed; feature columns are non-null float64 or utf8");
            }
        }

        return new FeatureBatch(ids, numeric, text);
    }
}

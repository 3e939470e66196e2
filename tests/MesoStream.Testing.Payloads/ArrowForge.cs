using Apache.Arrow;
using Apache.Arrow.Ipc;
using Apache.Arrow.Types;
using MesoStream.Contracts.Arrow;

namespace MesoStream.Testing.Payloads;

/// <summary>
/// Rewrites a valid Arrow message column by column: starts from what a codec wrote (read back with Apache.Arrow's own
/// reader, so nothing of the codec under test is reused) and removes, replaces or re-annotates columns before writing
/// it out again, to forge messages a codec must refuse.
/// </summary>
public sealed class ArrowForge
{
    private readonly List<Field> _fields;
    private readonly List<IArrowArray> _columns;
    private readonly Dictionary<string, string> _metadata;
    private int _rows;

    private ArrowForge(Schema schema, IEnumerable<IArrowArray> columns, int rows)
    {
        _fields = [.. schema.FieldsList];
        _columns = [.. columns];
        _metadata = new Dictionary<string, string>(schema.Metadata ?? new Dictionary<string, string>());
        _rows = rows;
    }

    /// <summary>The single batch of <paramref name="payload"/>, ready to be rewritten.</summary>
    public static ArrowForge From(byte[] payload)
    {
        var reader = new ArrowStreamReader(new MemoryStream(payload), new Apache.Arrow.Compression.CompressionCodecFactory());
        var batch = reader.ReadNextRecordBatch();
        return new ArrowForge(batch.Schema, Enumerable.Range(0, batch.ColumnCount).Select(batch.Column), batch.Length);
    }

    public ArrowForge Without(string column)
    {
        var index = IndexOf(column);
        _fields.RemoveAt(index);
        _columns.RemoveAt(index);
        return this;
    }

    /// <summary>Replaces column <paramref name="column"/> (keeping its name and field metadata) by <paramref name="array"/>.</summary>
    public ArrowForge With(string column, IArrowArray array)
    {
        var index = IndexOf(column);
        var old = _fields[index];
        _fields[index] = new Field(old.Name, array.Data.DataType, old.IsNullable, old.Metadata);
        _columns[index] = array;
        return this;
    }

    /// <summary>Sets (or, with null, removes) one metadata entry of column <paramref name="column"/>.</summary>
    public ArrowForge WithFieldMetadata(string column, string key, string? value)
    {
        var index = IndexOf(column);
        var old = _fields[index];
        var metadata = new Dictionary<string, string>(old.Metadata ?? new Dictionary<string, string>());
        if (value is null)
        {
            metadata.Remove(key);
        }
        else
        {
            metadata[key] = value;
        }

        _fields[index] = new Field(old.Name, old.DataType, old.IsNullable, metadata);
        return this;
    }

    /// <summary>Sets (or, with null, removes) one entry of the schema's metadata.</summary>
    public ArrowForge WithSchemaMetadata(string key, string? value)
    {
        if (value is null)
        {
            _metadata.Remove(key);
        }
        else
        {
            _metadata[key] = value;
        }

        return this;
    }

    /// <summary>Declares <paramref name="rows"/> rows without changing any column (a batch that claims more rows than it holds).</summary>
    public ArrowForge WithRowCount(int rows)
    {
        _rows = rows;
        return this;
    }

    /// <summary>The forged message: the schema, <paramref name="copies"/> identical record batches, end of stream.</summary>
    public byte[] Write(ArrowCompression compression = ArrowCompression.Zstd, int copies = 1)
    {
        var schema = new Schema(_fields, _metadata);
        var batch = new RecordBatch(schema, _columns, _rows);
        var options = compression == ArrowCompression.None
            ? new IpcOptions()
            : new IpcOptions
            {
                CompressionCodecFactory = new Apache.Arrow.Compression.CompressionCodecFactory(),
                CompressionCodec = compression == ArrowCompression.Lz4 ? CompressionCodecType.Lz4Frame : CompressionCodecType.Zstd,
            };
        using var stream = new MemoryStream();
        using (var writer = new ArrowStreamWriter(stream, schema, leaveOpen: true, options))
        {
            for (var i = 0; i < copies; i++)
            {
                writer.WriteRecordBatch(batch);
            }

            writer.WriteEnd();
        }

        return stream.ToArray();
    }

    /// <summary>The column named <paramref name="column"/> as it stands.</summary>
    public IArrowArray Column(string column) => _columns[IndexOf(column)];

    /// <summary>A one-row list column with the values of <paramref name="list"/> whose row 0 spans [<paramref name="start"/>, <paramref name="end"/>).</summary>
    public static ListArray ListWithOffsets(ListArray list, int start, int end) =>
        new(list.Data.DataType, 1, new ArrowBuffer.Builder<int>().Append(start).Append(end).Build(), list.Values, ArrowBuffer.Empty, 0);

    /// <summary>A one-row int32 column holding <paramref name="value"/>.</summary>
    public static Int32Array Int32(int value) => new Int32Array.Builder().Append(value).Build();

    /// <summary>A one-row float64 column holding <paramref name="value"/>.</summary>
    public static DoubleArray Double(double value) => new DoubleArray.Builder().Append(value).Build();

    /// <summary>A one-row utf8 column holding <paramref name="value"/> (null: a null row).</summary>
    public static StringArray String(string? value) =>
        (value is null ? new StringArray.Builder().AppendNull() : new StringArray.Builder().Append(value)).Build();

    /// <summary>An int32 column that declares one row but whose value buffer is empty: Arrow's reader accepts it.</summary>
    public static Int32Array Int32WithoutBuffer() => new(ArrowBuffer.Empty, ArrowBuffer.Empty, 1, 0, 0);

    /// <summary>A utf8 column that declares one row whose offsets point past its (empty) value buffer.</summary>
    public static StringArray StringPastItsBuffer() =>
        new(1, new ArrowBuffer.Builder<int>().Append(0).Append(1_000).Build(), ArrowBuffer.Empty, ArrowBuffer.Empty, 0, 0);

    /// <summary>
    /// A utf8 column whose one row runs from <paramref name="start"/> to <paramref name="end"/> over a 4-byte value
    /// buffer: Apache.Arrow's GetString would read there through a raw pointer (an AccessViolationException that
    /// kills the process when the address is unmapped).
    /// </summary>
    public static StringArray StringWithOffsets(int start, int end) =>
        new(1, new ArrowBuffer.Builder<int>().Append(start).Append(end).Build(), new ArrowBuffer.Builder<byte>().Append((byte)'a').Append((byte)'b').Append((byte)'c').Append((byte)'d').Build(), ArrowBuffer.Empty, 0, 0);

    /// <summary>A one-row int64 column: the right number in the wrong type.</summary>
    public static Int64Array Int64(long value) => new Int64Array.Builder().Append(value).Build();

    /// <summary>A one-row fixed_size_list&lt;int8&gt; column of <paramref name="count"/> zeros: labels of the wrong element type.</summary>
    public static FixedSizeListArray SignedLabels(int count)
    {
        var values = new Int8Array(new ArrowBuffer(new byte[count]), ArrowBuffer.Empty, count, 0, 0);
        return new FixedSizeListArray(new FixedSizeListType(new Field("label", Int8Type.Default, nullable: false), count), 1, values, ArrowBuffer.Empty, 0);
    }

    private int IndexOf(string column)
    {
        var index = _fields.FindIndex(f => f.Name == column);
        return index >= 0 ? index : throw new ArgumentException($"no column {column}", nameof(column));
    }
}

using Apache.Arrow;
using MesoStream.Contracts.Messaging;

namespace MesoStream.Contracts.Arrow;

/// <summary>
/// Typed column access that turns a missing, mistyped, short or malformed column into an error naming it. The Arrow
/// reader trusts the lengths a message declares: a column may claim a row its buffers do not hold, and reading it
/// then throws from inside Apache.Arrow — ArgumentOutOfRangeException for an int32 column without values; span
/// indexing of short offset buffers throws IndexOutOfRangeException. <see cref="Read{T}"/> names the column instead.
/// Binary and utf8 rows are read through <see cref="Bytes"/>, which checks their offsets before touching the values
/// (utf8 offsets past the value buffer: <c>VoxelBatchForgeryTests</c>).
/// </summary>
internal static class ArrowColumns
{
    /// <summary>Column <paramref name="name"/>, holding at least the batch's rows.</summary>
    public static IArrowArray Column(RecordBatch record, string name)
    {
        var index = record.Schema.GetFieldIndex(name);
        return index < 0 ? throw new InvalidMessageException(name, "column is missing") : Column(record, index);
    }

    /// <summary>The column at <paramref name="index"/>, holding at least the batch's rows.</summary>
    public static IArrowArray Column(RecordBatch record, int index)
    {
        // A corrupted batch can hold fewer columns than its schema declares (found by the random-flip test).
        if (index >= record.ColumnCount)
        {
            throw new InvalidMessageException(record.Schema.FieldsList[index].Name,
                $"column is missing from the record batch (the schema declares {record.Schema.FieldsList.Count} columns, the batch holds {record.ColumnCount})");
        }

        var column = record.Column(index);
        return column.Length >= record.Length
            ? column
            : throw new InvalidMessageException(record.Schema.FieldsList[index].Name, $"holds {column.Length} rows but the batch has {record.Length}");
    }

    public static string RequiredString(RecordBatch record, string name, int row) =>
        OptionalString(record, name, row) ?? throw new InvalidMessageException(name, $"row {row} is null; a value is required");

    public static string? OptionalString(RecordBatch record, string name, int row) =>
        Column(record, name) is StringArray strings
            ? String(strings, name, row)
            : throw new InvalidMessageException(name, "must be a utf8 column");

    /// <summary>Row <paramref name="row"/> of a utf8 column, its offsets checked first (<see cref="Bytes"/>); invalid UTF-8 decodes to U+FFFD.</summary>
    public static string? String(StringArray strings, string name, int row) =>
        Bytes(strings, name, row) is { } bytes ? System.Text.Encoding.UTF8.GetString(bytes) : null;

    /// <summary>
    /// Row <paramref name="row"/> of a binary or utf8 column, null when the row is null. Apache.Arrow's
    /// <c>GetString</c> decodes through a raw pointer without checking the row's offsets against the value buffer: a
    /// corrupted offset made it read unmapped memory and the process died of an AccessViolationException, which no
    /// catch can stop (found by the random-corruption test). The offsets are checked here, and the bytes sliced as a span.
    /// </summary>
    public static byte[]? Bytes(BinaryArray array, string name, int row)
    {
        if ((uint)row >= (uint)array.Length)
        {
            throw new InvalidMessageException(name, $"holds {array.Length} rows; row {row} was asked for");
        }

        var (start, end, values, isNull) = Read(name, () =>
        {
            var offsets = array.ValueOffsets;
            return (offsets[row], offsets[row + 1], array.ValueBuffer.Length, array.IsNull(row));
        });
        if (start < 0 || end < start || end > values)
        {
            throw new InvalidMessageException(name, $"is malformed: row {row}'s offsets {start}…{end} lie outside its {values}-byte value buffer");
        }

        return isNull ? null : array.ValueBuffer.Span.Slice(start, end - start).ToArray();
    }

    public static int Int32(RecordBatch record, string name, int row) =>
        Column(record, name) is Int32Array ints && Read(name, () => ints.GetValue(row)) is { } value
            ? value
            : throw new InvalidMessageException(name, "must be a non-null int32 column");

    public static double Double(RecordBatch record, string name, int row) =>
        Column(record, name) is DoubleArray doubles && Read(name, () => doubles.GetValue(row)) is { } value
            ? value
            : throw new InvalidMessageException(name, "must be a non-null float64 column");

    public static bool Bool(RecordBatch record, string name, int row) =>
        Column(record, name) is BooleanArray bools && Read(name, () => bools.GetValue(row)) is { } value
            ? value
            : throw new InvalidMessageException(name, "must be a non-null bool column");

    /// <summary>
    /// Runs a read of column <paramref name="name"/>; an exception Apache.Arrow throws because the column's buffers
    /// are shorter than its declared length or its offsets point outside them becomes an error naming the column.
    /// </summary>
    public static T Read<T>(string name, Func<T> read)
    {
        try
        {
            return read();
        }
        catch (Exception e) when (e is IndexOutOfRangeException or ArgumentException or OverflowException)
        {
            throw new InvalidMessageException(name, $"is malformed: its buffers do not hold what it declares ({e.GetType().Name})", e);
        }
    }
}

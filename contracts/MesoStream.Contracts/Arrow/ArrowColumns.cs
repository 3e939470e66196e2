using Apache.Arrow;
using MesoStream.Contracts.Messaging;

namespace MesoStream.Contracts.Arrow;

/// <summary>Typed column access that turns a missing or mistyped column into an error naming it.</summary>
internal static class ArrowColumns
{
    public static IArrowArray Column(RecordBatch record, string name)
    {
        var index = record.Schema.GetFieldIndex(name);
        return index < 0 ? throw new InvalidMessageException(name, "column is missing") : record.Column(index);
    }

    public static string RequiredString(RecordBatch record, string name, int row) =>
        OptionalString(record, name, row) ?? throw new InvalidMessageException(name, $"row {row} is null; a value is required");

    public static string? OptionalString(RecordBatch record, string name, int row) =>
        Column(record, name) is StringArray strings
            ? strings.GetString(row)
            : throw new InvalidMessageException(name, "must be a utf8 column");

    public static int Int32(RecordBatch record, string name, int row) =>
        Column(record, name) is Int32Array ints && ints.GetValue(row) is { } value
            ? value
            : throw new InvalidMessageException(name, "must be a non-null int32 column");

    public static double Double(RecordBatch record, string name, int row) =>
        Column(record, name) is DoubleArray doubles && doubles.GetValue(row) is { } value
            ? value
            : throw new InvalidMessageException(name, "must be a non-null float64 column");
}

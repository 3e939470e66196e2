using Confluent.Kafka;

namespace MesoStream.Services.Tests;

/// <summary>
/// One class of bad input: the record produced (key and value may be null, headers optional) and what its dead letter
/// must say — the field named in <c>mesostream.error.field</c> and a substring of <c>mesostream.error.message</c>.
/// </summary>
public sealed record BadRecord(string Class, string? Key, byte[]? Value, string Field, string Reason)
{
    public Headers? Headers { get; init; }

    /// <summary>True when the dead letter names <see cref="Field"/> among its fields (a report of many lists several).</summary>
    public bool FieldListContains { get; init; }

    public Message<string, byte[]> ToMessage() => new() { Key = Key!, Value = Value!, Headers = Headers };
}

using Confluent.Kafka;
using MesoStream.Contracts.Messaging;

namespace MesoStream.Infra.Kafka;

/// <summary>
/// A record to produce: topic, key, value and the content-type/schema headers. Trace headers are added by the hop.
/// The partition follows from the key unless <see cref="Partition"/> pins it.
/// </summary>
public sealed record OutboundRecord(string Topic, string Key, byte[] Value, string ContentType, string Schema)
{
    public int? Partition { get; init; }

    /// <summary>Headers of this record beyond the standard ones (e.g. an artifact's signature), as UTF-8 text.</summary>
    public IReadOnlyList<KeyValuePair<string, string>> ExtraHeaders { get; init; } = [];
}

/// <summary>
/// One consumed record, dispatched through the MassTransit mediator to the service's consumer. The consumer replies
/// with the records to produce; the hop produces them in the same Kafka transaction as the input's offset.
/// Passed by reference (the mediator does not serialize), so the raw bytes are not copied.
/// </summary>
public sealed class InboundRecord
{
    public InboundRecord(ConsumeResult<string, byte[]> record)
        : this(record, record.Message.Value ?? [])
    {
    }

    /// <summary>A record whose payload came from elsewhere than its value: a claim check resolved by the hop.</summary>
    public InboundRecord(ConsumeResult<string, byte[]> record, byte[] value)
    {
        Topic = record.Topic;
        Partition = record.Partition.Value;
        Offset = record.Offset.Value;
        Key = record.Message.Key;
        Value = value;
        Headers = record.Message.Headers ?? [];
    }

    public string Topic { get; }
    public int Partition { get; }
    public long Offset { get; }
    public string? Key { get; }
    public byte[] Value { get; }
    public Headers Headers { get; }

    /// <summary>The records this input produces; replaced, not appended, so a retried handler never doubles them.</summary>
    public IReadOnlyList<OutboundRecord> Outputs { get; private set; } = [];

    public void Reply(params IReadOnlyList<OutboundRecord> outputs) => Outputs = outputs;

    /// <summary>Why this record is to be dead-lettered, as the consume pipeline decided (<see cref="DeadLetterDecisionFilter{T}"/>); null while it is not.</summary>
    public Exception? Rejection { get; private set; }

    /// <summary>Marks the record for the dead-letter topic; its outputs, if any were replied, are dropped.</summary>
    public void Reject(Exception reason)
    {
        Rejection = reason;
        Outputs = [];
    }

    /// <summary>
    /// Refuses a record whose schema header names another schema (or version) than one of <paramref name="expected"/>;
    /// a record without the header (hand-written, e.g. with kcat) is let through to the payload's own checks.
    /// </summary>
    public void RequireSchema(params string[] expected)
    {
        if (Header(MessageHeaders.Schema) is { } schema && !expected.Contains(schema))
        {
            throw new InvalidMessageException($"header {MessageHeaders.Schema}",
                $"unknown schema \"{FieldError.Quote(schema)}\"; this service reads {string.Join(" or ", expected.Select(e => $"\"{e}\""))}");
        }
    }

    /// <summary>The last value of a header as UTF-8 text, or null.</summary>
    public string? Header(string name) => RecordHeaders.Text(Headers, name);
}

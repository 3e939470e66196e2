using System.Text;
using Confluent.Kafka;
using MesoStream.Contracts.Messaging;

namespace MesoStream.Infra.Kafka;

/// <summary>
/// The headers of every record MesoStream produces that is not a dead letter (those are <see cref="DeadLetterHeaders"/>):
/// content type, schema, who produced it, then the record's own extra headers. One definition for the hop's outputs,
/// <see cref="EventPublisher"/> (models, requests, campaign specs) and anything else on the shared infrastructure; the
/// W3C trace context is added where the send span starts (<see cref="Telemetry.KafkaTracing.Send"/>).
/// </summary>
public static class RecordHeaders
{
    public static Headers For(OutboundRecord record, string producedBy)
    {
        var headers = new Headers
        {
            { MessageHeaders.ContentType, Encoding.UTF8.GetBytes(record.ContentType) },
            { MessageHeaders.Schema, Encoding.UTF8.GetBytes(record.Schema) },
            { MessageHeaders.ProducedBy, Encoding.UTF8.GetBytes(producedBy) },
        };
        foreach (var (name, value) in record.ExtraHeaders)
        {
            headers.Add(name, Encoding.UTF8.GetBytes(value));
        }

        return headers;
    }

    /// <summary>The last value of a header as UTF-8 text, or null.</summary>
    public static string? Text(Headers? headers, string name) =>
        headers?.TryGetLastBytes(name, out var bytes) == true ? Encoding.UTF8.GetString(bytes) : null;
}

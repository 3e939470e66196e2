using System.Text;
using Confluent.Kafka;
using MesoStream.Contracts.Messaging;
using MesoStream.Infra.Telemetry;

namespace MesoStream.Infra.Kafka;

/// <summary>
/// Publishes events that are not the output of a consumed record (a retrained model, a command): an idempotent
/// producer, the same content-type/schema/produced-by headers as the hop, and a <c>send</c> span whose context travels
/// in the W3C headers, parented on whatever activity is current (e.g. the structure whose arrival triggered it).
/// </summary>
public sealed class EventPublisher(KafkaConnection connection, ServiceTelemetry telemetry, string producedBy) : IDisposable
{
    private readonly IProducer<string, byte[]> _producer = new ProducerBuilder<string, byte[]>(connection.IdempotentProducer()).Build();

    /// <summary>Produces and waits for the broker's acknowledgement; returns where the record landed.</summary>
    public async Task<TopicPartitionOffset> PublishAsync(OutboundRecord record, CancellationToken cancellationToken)
    {
        using var send = KafkaTracing.StartSend(telemetry.Source, record.Topic, record.Key, record.Value.Length);
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

        KafkaTracing.Inject(send?.Context ?? default, headers);
        var message = new Message<string, byte[]> { Key = record.Key, Value = record.Value, Headers = headers };
        var partition = new TopicPartition(record.Topic, record.Partition is { } p ? new Partition(p) : Partition.Any);
        var delivered = await _producer.ProduceAsync(partition, message, cancellationToken);
        telemetry.Produced.Add(1, new KeyValuePair<string, object?>(MessagingConventions.DestinationName, record.Topic));
        return delivered.TopicPartitionOffset;
    }

    public void Dispose()
    {
        _producer.Flush(TimeSpan.FromSeconds(10));
        _producer.Dispose();
    }
}

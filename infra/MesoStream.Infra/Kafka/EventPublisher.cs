using System.Diagnostics;
using Confluent.Kafka;
using MesoStream.Contracts;
using MesoStream.Infra.Telemetry;

namespace MesoStream.Infra.Kafka;

/// <summary>
/// The shared producer for records that are not the output of a consumed record inside a hop's transaction: a
/// retrained model, a command, a campaign's specs, and the dead letters of a <see cref="RecordListener"/>. An
/// idempotent producer; the headers of <see cref="RecordHeaders"/> (dead letters: <see cref="DeadLetterHeaders"/>),
/// the same as the hop's; a <c>send</c> span whose W3C context travels in the headers, parented on the given context
/// or the current activity (e.g. the structure whose arrival triggered it, or the campaign); the produced and
/// dead-lettered metrics.
/// </summary>
public sealed class EventPublisher(KafkaConnection connection, ServiceTelemetry telemetry, string producedBy) : IDisposable
{
    private readonly IProducer<string, byte[]> _producer = new ProducerBuilder<string, byte[]>(connection.IdempotentProducer()).Build();

    /// <summary>Produces and waits for the broker's acknowledgement; returns where the record landed.</summary>
    public async Task<TopicPartitionOffset> PublishAsync(OutboundRecord record, CancellationToken cancellationToken, ActivityContext parent = default)
    {
        var (partition, message) = Prepare(record, parent);
        var delivered = await _producer.ProduceAsync(partition, message, cancellationToken);
        Count(record.Topic);
        return delivered.TopicPartitionOffset;
    }

    /// <summary>
    /// Hands the record to the producer without waiting for the broker (a campaign's thousands of specs); waits only
    /// while the client's queue is full. <paramref name="delivered"/> runs on librdkafka's thread with the outcome.
    /// </summary>
    public void Publish(OutboundRecord record, Action<DeliveryReport<string, byte[]>> delivered, ActivityContext parent = default, CancellationToken cancellationToken = default)
    {
        var (partition, message) = Prepare(record, parent);
        while (true)
        {
            try
            {
                _producer.Produce(partition, message, delivered);
                Count(record.Topic);
                return;
            }
            catch (ProduceException<string, byte[]> e) when (e.Error.Code == ErrorCode.Local_QueueFull)
            {
                cancellationToken.ThrowIfCancellationRequested();
                _producer.Poll(TimeSpan.FromMilliseconds(100));
            }
        }
    }

    /// <summary>
    /// Sends a consumed record that failed to <c>&lt;topic&gt;.dlq</c> with the dead-letter headers (the original's
    /// headers, why, where from, who refused it) and waits for the acknowledgement.
    /// </summary>
    public async Task DeadLetterAsync(ConsumeResult<string, byte[]> record, Exception failure, CancellationToken cancellationToken)
    {
        var topic = Topics.DeadLetterOf(record.Topic);
        var headers = DeadLetterHeaders.For(record, failure, producedBy);
        var value = record.Message.Value ?? [];
        KafkaTracing.Send(telemetry.Source, topic, record.Message.Key, value.Length, headers);
        await _producer.ProduceAsync(topic, new Message<string, byte[]> { Key = record.Message.Key, Value = value, Headers = headers }, cancellationToken);
        Count(topic);
        telemetry.DeadLettered.Add(1, new KeyValuePair<string, object?>(MessagingConventions.DestinationName, record.Topic));
    }

    /// <summary>Waits until every record handed over so far is acknowledged.</summary>
    public void Flush(CancellationToken cancellationToken) => _producer.Flush(cancellationToken);

    private (TopicPartition Partition, Message<string, byte[]> Message) Prepare(OutboundRecord record, ActivityContext parent)
    {
        var headers = RecordHeaders.For(record, producedBy);
        KafkaTracing.Send(telemetry.Source, record.Topic, record.Key, record.Value.Length, headers, parent);
        return (new TopicPartition(record.Topic, record.Partition is { } p ? new Partition(p) : Partition.Any),
            new Message<string, byte[]> { Key = record.Key, Value = record.Value, Headers = headers });
    }

    private void Count(string topic) =>
        telemetry.Produced.Add(1, new KeyValuePair<string, object?>(MessagingConventions.DestinationName, topic));

    public void Dispose()
    {
        _producer.Flush(TimeSpan.FromSeconds(10));
        _producer.Dispose();
    }
}

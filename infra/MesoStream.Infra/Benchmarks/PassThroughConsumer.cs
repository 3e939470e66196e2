using MassTransit;
using MesoStream.Infra.Kafka;

namespace MesoStream.Infra.Benchmarks;

/// <summary>
/// Forwards each record unchanged to a fixed topic, on the same partition index: a hop whose transform costs nothing,
/// so only messaging is measured.
/// </summary>
public sealed class PassThroughConsumer(PassThroughConsumer.Target target) : IConsumer<InboundRecord>
{
    public sealed record Target(string Topic);

    public Task Consume(ConsumeContext<InboundRecord> context)
    {
        var record = context.Message;
        record.Reply(new OutboundRecord(target.Topic, record.Key ?? string.Empty, record.Value, "application/octet-stream", "bench/1")
        {
            Partition = record.Partition,
        });
        return Task.CompletedTask;
    }
}

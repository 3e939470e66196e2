using Confluent.Kafka;
using MesoStream.Infra.Kafka;

namespace MesoStream.Infra.FlowControl;

/// <summary>
/// The records a consumer group has not yet committed on each partition of a topic: high watermark − committed offset
/// (a group that has committed nothing on a partition owes everything from its log start). Read with the standard
/// OffsetFetch and ListOffsets requests through a consumer handle that carries the downstream group's id but never
/// joins it, so it works on any Kafka and on the embedded broker, and never disturbs the group.
/// </summary>
public sealed class DownstreamBacklog : IDisposable
{
    private readonly IConsumer<byte[], byte[]> _probe;
    private readonly List<TopicPartition> _partitions;
    private readonly TimeSpan _timeout;

    public DownstreamBacklog(KafkaConnection connection, string topic, string consumerGroup, TimeSpan timeout)
    {
        Topic = topic;
        ConsumerGroup = consumerGroup;
        _timeout = timeout;
        _probe = new ConsumerBuilder<byte[], byte[]>(connection.Reader(consumerGroup)).SetLogHandler((_, _) => { }).Build();
        _partitions = [.. Enumerable.Range(0, PartitionsOf(connection, topic, timeout)).Select(p => new TopicPartition(topic, p))];
    }

    /// <summary>The partition count of <paramref name="topic"/>; a clear error if the topic does not exist.</summary>
    public static int PartitionsOf(KafkaConnection connection, string topic, TimeSpan timeout)
    {
        using var admin = new AdminClientBuilder(connection.Admin()).SetLogHandler((_, _) => { }).Build();
        var metadata = admin.GetMetadata(topic, timeout).Topics.SingleOrDefault(t => t.Topic == topic);
        if (metadata is null || metadata.Error.IsError || metadata.Partitions.Count == 0)
        {
            throw new InvalidOperationException($"flow control: topic {topic} does not exist on the cluster ({metadata?.Error.Reason ?? "no metadata"}); create the topics first");
        }

        return metadata.Partitions.Count;
    }

    public string Topic { get; }

    public string ConsumerGroup { get; }

    public int PartitionCount => _partitions.Count;

    /// <summary>Unconsumed offsets per partition, indexed by partition number.</summary>
    public long[] Measure()
    {
        var committed = _probe.Committed(_partitions, _timeout).ToDictionary(p => p.Partition.Value, p => p.Offset.Value);
        var lag = new long[_partitions.Count];
        for (var i = 0; i < _partitions.Count; i++)
        {
            var partition = _partitions[i];
            var watermarks = _probe.QueryWatermarkOffsets(partition, _timeout);
            var from = committed.TryGetValue(partition.Partition.Value, out var c) && c >= 0 ? c : watermarks.Low.Value;
            lag[i] = Math.Max(0, watermarks.High.Value - Math.Max(from, watermarks.Low.Value));
        }

        return lag;
    }

    public void Dispose()
    {
        _probe.Close();
        _probe.Dispose();
    }
}

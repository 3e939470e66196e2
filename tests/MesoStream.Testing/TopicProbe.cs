using Confluent.Kafka;
using MesoStream.Infra.Kafka;

namespace MesoStream.Testing;

/// <summary>Reads what a topic holds (committed records only), from the start of every partition.</summary>
public static class TopicProbe
{
    public static List<ConsumeResult<string, byte[]>> ReadCommitted(string bootstrap, string topic, int expected, TimeSpan timeout, TimeSpan? settle = null)
    {
        var config = new KafkaConnection(bootstrap).Reader("probe-" + Guid.NewGuid().ToString("N"));
        using var consumer = new ConsumerBuilder<string, byte[]>(config).Build();
        consumer.Subscribe(topic);
        var records = new List<ConsumeResult<string, byte[]>>();
        var deadline = DateTime.UtcNow + timeout;
        while (DateTime.UtcNow < deadline && records.Count < expected)
        {
            if (consumer.Consume(TimeSpan.FromMilliseconds(200)) is { Message: not null } r)
            {
                records.Add(r);
            }
        }

        // Keep reading a little longer: anything beyond the expected count would be a duplicate.
        var settleUntil = DateTime.UtcNow + (settle ?? TimeSpan.FromSeconds(2));
        while (DateTime.UtcNow < settleUntil)
        {
            if (consumer.Consume(TimeSpan.FromMilliseconds(200)) is { Message: not null } r)
            {
                records.Add(r);
            }
        }

        consumer.Close();
        return records;
    }

    /// <summary>
    /// Every record of <paramref name="topic"/> up to each partition's end at the time of the call, however many
    /// there are: what duplicate counts need (call it once the writers are done, see <see cref="WaitUntilConsumed"/>).
    /// </summary>
    public static List<ConsumeResult<string, byte[]>> ReadAll(string bootstrap, string topic, TimeSpan timeout)
    {
        var config = new KafkaConnection(bootstrap).Reader("probe-" + Guid.NewGuid().ToString("N"));
        config.EnablePartitionEof = true;
        using var consumer = new ConsumerBuilder<string, byte[]>(config).Build();
        var partitions = Partitions(bootstrap, topic, timeout);
        var ends = partitions.ToDictionary(p => p, p => consumer.QueryWatermarkOffsets(p, timeout).High.Value);
        var open = ends.Where(e => e.Value > 0).Select(e => e.Key).ToHashSet();
        consumer.Assign(open.Select(p => new TopicPartitionOffset(p, Offset.Beginning)));
        var records = new List<ConsumeResult<string, byte[]>>();
        var deadline = DateTime.UtcNow + timeout;
        while (open.Count > 0)
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"{topic}: partitions {string.Join(",", open)} not read to their end within {timeout}");
            }

            if (consumer.Consume(TimeSpan.FromMilliseconds(200)) is not { } r)
            {
                continue;
            }

            if (!r.IsPartitionEOF && r.Offset.Value < ends[r.TopicPartition])
            {
                records.Add(r);
            }

            if (r.IsPartitionEOF || r.Offset.Value >= ends[r.TopicPartition] - 1)
            {
                open.Remove(r.TopicPartition);
            }
        }

        consumer.Close();
        return records;
    }

    /// <summary>
    /// Waits until consumer group <paramref name="group"/> has committed every partition of <paramref name="topic"/> up
    /// to its end: the stage has nothing left to read, so its outputs are final. Throws at the deadline, naming the lag.
    /// </summary>
    public static void WaitUntilConsumed(string bootstrap, string group, string topic, TimeSpan timeout)
    {
        using var consumer = new ConsumerBuilder<string, byte[]>(new KafkaConnection(bootstrap).Reader(group)).Build();
        var partitions = Partitions(bootstrap, topic, timeout);
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            var committed = consumer.Committed(partitions, TimeSpan.FromSeconds(10)).ToDictionary(c => c.TopicPartition, c => c.Offset.Value);
            var ends = EndsOfData(bootstrap, partitions, timeout);
            if (partitions.All(p => ends[p] is null || committed[p] >= ends[p]))
            {
                return;
            }

            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"group {group} has not consumed {topic} within {timeout}: " +
                    string.Join(", ", partitions.Select(p => $"[{p.Partition.Value}] committed {committed[p]} of {ends[p]}")));
            }

            Thread.Sleep(250);
        }
    }

    /// <summary>
    /// Per partition, the offset after its last data record (null if it holds none): transactional writers leave
    /// commit markers that take offsets but are never delivered, so the high watermark can lie beyond what any
    /// consumer will commit.
    /// </summary>
    private static Dictionary<TopicPartition, long?> EndsOfData(string bootstrap, IReadOnlyList<TopicPartition> partitions, TimeSpan timeout)
    {
        var config = new KafkaConnection(bootstrap).Reader("probe-" + Guid.NewGuid().ToString("N"));
        config.EnablePartitionEof = true;
        using var consumer = new ConsumerBuilder<string, byte[]>(config).Build();
        var ends = new Dictionary<TopicPartition, long?>();
        foreach (var partition in partitions)
        {
            var marks = consumer.QueryWatermarkOffsets(partition, timeout);
            ends[partition] = null;
            consumer.Assign(new TopicPartitionOffset(partition, Math.Max(marks.Low.Value, marks.High.Value - 16)));
            while (marks.High.Value > marks.Low.Value && consumer.Consume(timeout) is { IsPartitionEOF: false } r)
            {
                ends[partition] = r.Offset.Value + 1;
            }
        }

        return ends;
    }

    /// <summary>The offsets group <paramref name="group"/> has committed on each partition of <paramref name="topic"/> (0 where none).</summary>
    public static Dictionary<int, long> Committed(string bootstrap, string group, string topic, TimeSpan timeout)
    {
        using var consumer = new ConsumerBuilder<string, byte[]>(new KafkaConnection(bootstrap).Reader(group)).Build();
        return consumer.Committed(Partitions(bootstrap, topic, timeout), timeout)
            .ToDictionary(c => c.Partition.Value, c => Math.Max(0, c.Offset.Value));
    }

    private static List<TopicPartition> Partitions(string bootstrap, string topic, TimeSpan timeout)
    {
        using var admin = new AdminClientBuilder(new KafkaConnection(bootstrap).Admin()).Build();
        var metadata = admin.GetMetadata(topic, timeout).Topics.Single(t => t.Topic == topic);
        return [.. metadata.Partitions.Select(p => new TopicPartition(topic, p.PartitionId))];
    }

    /// <summary>Produces <paramref name="messages"/> in order to partition 0 of <paramref name="topic"/>; returns the offset of each.</summary>
    public static IReadOnlyList<long> ProduceInOrder(string bootstrap, string topic, IEnumerable<Message<string, byte[]>> messages)
    {
        using var producer = new ProducerBuilder<string, byte[]>(new KafkaConnection(bootstrap).IdempotentProducer()).Build();
        return messages.Select(m => producer.ProduceAsync(new TopicPartition(topic, 0), m).GetAwaiter().GetResult().Offset.Value).ToList();
    }

    public static void Produce(string bootstrap, string topic, IEnumerable<(string Key, string Value)> records, Headers? headers = null)
    {
        using var producer = new ProducerBuilder<string, byte[]>(new KafkaConnection(bootstrap).IdempotentProducer()).Build();
        foreach (var (key, value) in records)
        {
            producer.Produce(topic, new Message<string, byte[]> { Key = key, Value = System.Text.Encoding.UTF8.GetBytes(value), Headers = headers });
        }

        producer.Flush(TimeSpan.FromSeconds(30));
    }
}

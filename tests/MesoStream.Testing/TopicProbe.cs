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
    /// Every committed record the topic holds now: each partition read from its start until the consumer reports its
    /// end. A positive signal (the end was reached), so counts taken from it need no waiting for what does not come;
    /// call it once the producers are done, as an open transaction holds the end back.
    /// </summary>
    public static List<ConsumeResult<string, byte[]>> ReadToEnd(string bootstrap, string topic, TimeSpan timeout)
    {
        var config = new KafkaConnection(bootstrap).Reader("probe-" + Guid.NewGuid().ToString("N"));
        config.EnablePartitionEof = true;
        using var admin = new AdminClientBuilder(new KafkaConnection(bootstrap).Admin()).Build();
        var partitions = admin.GetMetadata(topic, timeout).Topics.Single().Partitions.Select(p => p.PartitionId).ToList();
        using var consumer = new ConsumerBuilder<string, byte[]>(config).Build();
        consumer.Assign(partitions.Select(p => new TopicPartitionOffset(topic, p, Offset.Beginning)));
        var records = new List<ConsumeResult<string, byte[]>>();
        var ended = new HashSet<int>();
        var deadline = DateTime.UtcNow + timeout;
        while (ended.Count < partitions.Count)
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"{topic}: only partitions {string.Join(",", ended)} of {partitions.Count} reached their end within {timeout}");
            }

            switch (consumer.Consume(TimeSpan.FromMilliseconds(200)))
            {
                case { IsPartitionEOF: true } end:
                    ended.Add(end.Partition.Value);
                    break;
                case { Message: not null } record:
                    records.Add(record);
                    break;
            }
        }

        consumer.Close();
        return records;
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

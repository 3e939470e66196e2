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

using Confluent.Kafka;
using MesoStream.Infra.Broker;
using MesoStream.Infra.Kafka;
using MesoStream.Testing;

namespace MesoStream.Infra.Tests;

/// <summary>
/// Characterises the embedded broker: its transactions and its bounded log. librdkafka's mock cluster accepts transactional producers and
/// TxnOffsetCommit but neither filters aborted records out of read_committed fetches nor stores the offsets a
/// transaction carries. TransactionalHop is built around
/// that (outputs are produced only at commit time, offsets committed again by the consumer); if a future librdkafka fixes either, this test fails and the hop's
/// documentation can be tightened.
/// </summary>
public sealed class EmbeddedBrokerTransactionTests : IDisposable
{
    private readonly EmbeddedKafkaBroker _broker = EmbeddedKafkaBroker.Start();

    [Fact]
    public void The_mock_cluster_shows_aborted_records_to_read_committed_consumers()
    {
        _broker.CreateTopic("t", 1);
        var connection = new KafkaConnection(_broker.BootstrapServers);
        using (var producer = new ProducerBuilder<string, byte[]>(connection.TransactionalProducer("abort-test", TimeSpan.FromSeconds(30))).Build())
        {
            producer.InitTransactions(TimeSpan.FromSeconds(30));
            producer.BeginTransaction();
            producer.Produce("t", new Message<string, byte[]> { Key = "a", Value = "aborted"u8.ToArray() });
            producer.Flush();
            producer.AbortTransaction(TimeSpan.FromSeconds(30));
            producer.BeginTransaction();
            producer.Produce("t", new Message<string, byte[]> { Key = "c", Value = "committed"u8.ToArray() });
            producer.CommitTransaction(TimeSpan.FromSeconds(30));
        }

        var records = TopicProbe.ReadCommitted(_broker.BootstrapServers, "t", 1, TimeSpan.FromSeconds(20));
        Assert.Equal(["a", "c"], records.Select(r => r.Message.Key));
    }

    [Fact]
    public void The_mock_cluster_does_not_store_offsets_sent_in_a_transaction()
    {
        _broker.CreateTopic("t", 1);
        TopicProbe.Produce(_broker.BootstrapServers, "t", Enumerable.Range(0, 10).Select(i => ($"k{i}", $"v{i}")));
        var connection = new KafkaConnection(_broker.BootstrapServers);
        using (var producer = new ProducerBuilder<string, byte[]>(connection.TransactionalProducer("offs", TimeSpan.FromSeconds(30))).Build())
        using (var consumer = new ConsumerBuilder<string, byte[]>(connection.TransactionalConsumer("g", TimeSpan.FromMinutes(1))).Build())
        {
            producer.InitTransactions(TimeSpan.FromSeconds(30));
            consumer.Subscribe("t");
            ConsumeResult<string, byte[]>? last = null;
            for (var n = 0; n < 4;)
            {
                if (consumer.Consume(TimeSpan.FromMilliseconds(200)) is { Message: not null } r) { last = r; n++; }
            }
            producer.BeginTransaction();
            producer.SendOffsetsToTransaction([new TopicPartitionOffset(last!.TopicPartition, last.Offset + 1)], consumer.ConsumerGroupMetadata, TimeSpan.FromSeconds(30));
            producer.CommitTransaction(TimeSpan.FromSeconds(30));
            var committed = consumer.Committed([last.TopicPartition], TimeSpan.FromSeconds(10));
            Assert.Equal(Offset.Unset, committed[0].Offset);
            consumer.Close();
        }
        using var again = new ConsumerBuilder<string, byte[]>(connection.TransactionalConsumer("g", TimeSpan.FromMinutes(1))).Build();
        again.Subscribe("t");
        ConsumeResult<string, byte[]>? first = null;
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (first is null && DateTime.UtcNow < deadline) first = again.Consume(TimeSpan.FromMilliseconds(200));
        Assert.Equal("k0", first!.Message.Key);
    }

    [Fact]
    public void The_mock_cluster_keeps_only_the_newest_5_MiB_of_a_partition()
    {
        _broker.CreateTopic("t", 1);
        TopicProbe.Produce(_broker.BootstrapServers, "t", Enumerable.Range(0, 8).Select(i => ($"k{i}", new string('x', 1 << 20))));
        var records = TopicProbe.ReadCommitted(_broker.BootstrapServers, "t", 8, TimeSpan.FromSeconds(10), TimeSpan.Zero);
        Assert.InRange(records.Count, 4, 5);
        Assert.Equal("k7", records[^1].Message.Key);
        Assert.True(records[0].Offset.Value >= 3, $"the oldest records should be gone, first offset read {records[0].Offset.Value}");
    }

    public void Dispose() => _broker.Dispose();
}

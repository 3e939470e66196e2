using System.Diagnostics;
using Confluent.Kafka;
using MesoStream.Infra.Broker;
using MesoStream.Infra.Hosting;
using MesoStream.Infra.Kafka;
using MesoStream.Infra.Telemetry;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace MesoStream.Infra.Benchmarks;

/// <summary>One row of the messaging benchmark.</summary>
public sealed record MessagingMeasurement(
    int RecordBytes,
    int Records,
    double BaselineRecordsPerSecond,
    double HopRecordsPerSecond,
    double HopStartupSeconds)
{
    /// <summary>Time a record spends in the transactional hop beyond a plain produce → consume, in µs.</summary>
    public double OverheadMicrosecondsPerRecord => 1e6 / HopRecordsPerSecond - 1e6 / BaselineRecordsPerSecond;

    public double HopMegabytesPerSecond => HopRecordsPerSecond * RecordBytes / 1e6;
}

/// <summary>
/// Per-record messaging cost through the embedded broker: records/s through one transactional hop (consume, mediator
/// dispatch, produce, offsets, commit; batches of <see cref="HopOptions.MaxRecordsPerTransaction"/>) against a
/// baseline in the same run — the same records copied by a plain idempotent producer and consumer, no transactions.
/// </summary>
public static class MessagingBenchmark
{
    public static MessagingMeasurement Measure(int recordBytes, int records)
    {
        // The embedded broker keeps 5 MiB per partition: give the pre-filled input room to stay whole.
        var partitions = (int)Math.Clamp(Math.Ceiling((double)recordBytes * records / (3.5 * 1024 * 1024)), 4, 256);
        using var broker = EmbeddedKafkaBroker.Start();
        foreach (var topic in new[] { "bench-in", "bench-out", "bench-copy", "bench-in.dlq" })
        {
            broker.CreateTopic(topic, partitions);
        }

        var connection = new KafkaConnection(broker.BootstrapServers);
        var payload = new byte[recordBytes];
        new Random(1).NextBytes(payload);
        Fill(connection, "bench-in", partitions, records, payload);

        using var stopCopy = new CancellationTokenSource();
        Task? copy = null;
        var (_, baselineSeconds) = TimeStage(connection, "bench-copy", records,
            () => copy = Task.Factory.StartNew(() => PlainCopy(connection, "bench-in", "bench-copy", stopCopy.Token), TaskCreationOptions.LongRunning));
        stopCopy.Cancel();
        copy!.Wait();

        var options = new HopOptions { ServiceName = "bench-hop", InputTopic = "bench-in", InstanceId = "0" };
        using var host = HopHost.Build<PassThroughConsumer>(connection, options, new TelemetryOptions { Console = false },
            services => services.AddSingleton(new PassThroughConsumer.Target("bench-out")));
        var (startup, hopSeconds) = TimeStage(connection, "bench-out", records, host.Start);
        host.StopAsync().GetAwaiter().GetResult();

        return new MessagingMeasurement(recordBytes, records,
            (records - 1) / baselineSeconds,
            (records - 1) / hopSeconds,
            startup);
    }

    /// <summary>
    /// Subscribes a reader to <paramref name="topic"/> first, then starts the stage and waits for
    /// <paramref name="records"/> records; returns the time to the first (startup, group join) and from the first to
    /// the last (throughput), so both stages are timed the same way. Reading from the start keeps every partition
    /// under the embedded broker's 5 MiB.
    /// </summary>
    private static (double StartupSeconds, double Seconds) TimeStage(KafkaConnection connection, string topic, int records, Action start)
    {
        using var consumer = new ConsumerBuilder<string, byte[]>(connection.Reader("drain-" + Guid.NewGuid().ToString("N"))).Build();
        consumer.Subscribe(topic);
        var joined = Stopwatch.StartNew();
        while (consumer.Assignment.Count == 0)
        {
            if (joined.Elapsed > TimeSpan.FromMinutes(1))
            {
                throw new TimeoutException($"the reader of {topic} got no partitions in a minute");
            }

            consumer.Consume(TimeSpan.FromMilliseconds(50));
        }

        var watch = Stopwatch.StartNew();
        start();
        double first = 0;
        for (var n = 0; n < records;)
        {
            if (watch.Elapsed > TimeSpan.FromMinutes(10))
            {
                throw new TimeoutException($"only {n} of {records} records arrived on {topic}");
            }

            if (consumer.Consume(TimeSpan.FromMilliseconds(100)) is { Message: not null })
            {
                if (n++ == 0)
                {
                    first = watch.Elapsed.TotalSeconds;
                }
            }
        }

        consumer.Close();
        return (first, Math.Max(watch.Elapsed.TotalSeconds - first, 1e-9));
    }

    /// <summary>The baseline stage: a plain consumer and idempotent producer copying records, no transactions.</summary>
    private static void PlainCopy(KafkaConnection connection, string from, string to, CancellationToken stop)
    {
        using var producer = new ProducerBuilder<string, byte[]>(connection.IdempotentProducer()).Build();
        using var consumer = new ConsumerBuilder<string, byte[]>(connection.Reader("copy-" + Guid.NewGuid().ToString("N"))).Build();
        consumer.Subscribe(from);
        while (!stop.IsCancellationRequested)
        {
            if (consumer.Consume(TimeSpan.FromMilliseconds(50)) is { Message: not null } r)
            {
                producer.Produce(new TopicPartition(to, r.Partition), r.Message);
            }
            else
            {
                producer.Flush(TimeSpan.FromSeconds(10));
            }
        }

        producer.Flush(TimeSpan.FromSeconds(30));
        consumer.Close();
    }

    /// <summary>Spreads the records evenly (round robin), so no partition outgrows the broker's 5 MiB.</summary>
    private static void Fill(KafkaConnection connection, string topic, int partitions, int records, byte[] payload)
    {
        using var producer = new ProducerBuilder<string, byte[]>(connection.IdempotentProducer()).Build();
        for (var i = 0; i < records; i++)
        {
            while (true)
            {
                try
                {
                    producer.Produce(new TopicPartition(topic, i % partitions), new Message<string, byte[]> { Key = "r" + i, Value = payload });
                    break;
                }
                catch (ProduceException<string, byte[]> e) when (e.Error.Code == ErrorCode.Local_QueueFull)
                {
                    producer.Poll(TimeSpan.FromMilliseconds(50));
                }
            }
        }

        producer.Flush(TimeSpan.FromMinutes(5));
    }
}

using System.Diagnostics;
using Confluent.Kafka;
using MesoStream.Infra.Telemetry;
using Microsoft.Extensions.Logging;

namespace MesoStream.Infra.Kafka;

/// <summary>How a <see cref="RecordListener"/> reads and what it does with a record it cannot handle.</summary>
public sealed record ListenerOptions
{
    /// <summary>Who is reading, for logs and the dead letters' <c>mesostream.failed.by</c> (e.g. <c>predictor-0/models</c>).</summary>
    public required string Name { get; init; }

    public required IReadOnlyList<string> Topics { get; init; }

    /// <summary>
    /// The consumer group, which commits each record once handled; null: every partition is read from its beginning
    /// without a group and nothing is committed (every replica reads everything, e.g. the latest model), and the
    /// listener says when it has read every partition to its end.
    /// </summary>
    public string? ConsumerGroup { get; init; }

    /// <summary>
    /// True: a record whose handler throws goes to <c>&lt;topic&gt;.dlq</c> with the dead-letter headers before it
    /// is committed. False, for an observer that writes nothing (<c>up</c>'s stage monitor): it is logged and counted.
    /// </summary>
    public bool DeadLetter { get; init; } = true;

    /// <summary>A <c>process {topic}</c> span per record continuing the producer's trace (an observer takes none).</summary>
    public bool Trace { get; init; } = true;

    /// <summary>Bound on waiting for the broker (metadata, a dead letter's acknowledgement, closing).</summary>
    public TimeSpan BrokerTimeout { get; init; } = TimeSpan.FromSeconds(30);
}

/// <summary>
/// The one consumer loop on the shared infrastructure for records that are read outside a transactional hop: the
/// predictor's model listener, the trainer's training requests, <c>up</c>'s stage monitor. Each record is handed to
/// the handler as an <see cref="InboundRecord"/> inside a <c>process {topic}</c> span whose parent is the producer's
/// W3C context (<see cref="KafkaTracing"/>), with the hop's metrics (consumed, handler failures, dead-lettered,
/// processing time). A handler that throws fails only its record: dead-lettered through the shared
/// <see cref="EventPublisher"/> (<see cref="DeadLetterHeaders"/>, as the hop does) or, for an observer, logged, and
/// the loop goes on; a record is committed only once handled or dead-lettered. Runs on a dedicated thread.
/// </summary>
public sealed class RecordListener(KafkaConnection connection, ListenerOptions options, ServiceTelemetry telemetry, ILogger logger)
{
    /// <summary>Runs <see cref="Run"/> on a dedicated thread (librdkafka's calls block).</summary>
    public Task Start(Action<InboundRecord> handle, CancellationToken stopping, Action? caughtUp = null) =>
        Task.Factory.StartNew(() => Run(handle, stopping, caughtUp), CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default);

    /// <summary>Reads until <paramref name="stopping"/> fires. <paramref name="caughtUp"/>: once, when a group-less listener has read every partition to its end.</summary>
    public void Run(Action<InboundRecord> handle, CancellationToken stopping, Action? caughtUp = null)
    {
        var config = connection.Reader(options.ConsumerGroup ?? $"{options.Name}-{Guid.NewGuid():N}");
        config.EnablePartitionEof = options.ConsumerGroup is null;
        using var consumer = new ConsumerBuilder<string, byte[]>(config).SetLogHandler((_, _) => { }).Build();
        using var publisher = options.DeadLetter ? new EventPublisher(connection, telemetry, options.Name) : null;
        HashSet<TopicPartition> unread = [];
        if (options.ConsumerGroup is not null)
        {
            consumer.Subscribe(options.Topics);
        }
        else if (Partitions(stopping) is { } partitions)
        {
            consumer.Assign(partitions.Select(p => new TopicPartitionOffset(p, Offset.Beginning)));
            unread = [.. partitions];
        }
        else
        {
            return;
        }

        while (!stopping.IsCancellationRequested)
        {
            ConsumeResult<string, byte[]>? record;
            try
            {
                record = consumer.Consume(TimeSpan.FromMilliseconds(200));
            }
            catch (ConsumeException e)
            {
                logger.LogWarning("{Listener}: reading {Topics} failed, retrying: {Error}", options.Name, string.Join(",", options.Topics), e.Error.Reason);
                continue;
            }

            if (record is null)
            {
                continue;
            }

            if (record.IsPartitionEOF)
            {
                if (unread.Remove(record.TopicPartition) && unread.Count == 0)
                {
                    logger.LogInformation("{Listener}: read {Topics} to the end", options.Name, string.Join(",", options.Topics));
                    caughtUp?.Invoke();
                }

                continue;
            }

            if (!Handle(record, handle, publisher, stopping))
            {
                break;
            }

            if (options.ConsumerGroup is not null)
            {
                consumer.Commit(record);
            }
        }

        var close = Task.Run(consumer.Close);
        if (!close.Wait(options.BrokerTimeout))
        {
            logger.LogWarning("{Listener}: consumer close timed out after {Timeout}", options.Name, options.BrokerTimeout);
        }
    }

    /// <summary>Handles one record; false when stopping interrupted a dead letter (the record is then not committed).</summary>
    private bool Handle(ConsumeResult<string, byte[]> record, Action<InboundRecord> handle, EventPublisher? publisher, CancellationToken stopping)
    {
        var topic = new KeyValuePair<string, object?>(MessagingConventions.DestinationName, record.Topic);
        telemetry.Consumed.Add(1, topic);
        var started = Stopwatch.GetTimestamp();
        using var activity = options.Trace ? KafkaTracing.StartProcess(telemetry.Source, record, options.ConsumerGroup ?? options.Name) : null;
        try
        {
            handle(new InboundRecord(record));
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // A record's failure is that record's: dead-lettered (or, for an observer, reported) and the loop goes
            // on. A group-less listener re-reads its topic on every start, so an escaping exception would be a crash loop.
            var errorType = DeadLetterHeaders.ErrorTypeOf(e);
            telemetry.Failures.Add(1, topic, new KeyValuePair<string, object?>(MessagingConventions.ErrorType, errorType));
            KafkaTracing.RecordError(activity, e, errorType);
            if (publisher is null)
            {
                logger.LogWarning("{Listener}: {Topic}[{Partition}]@{Offset} key {Key} could not be handled: {Error}",
                    options.Name, record.Topic, record.Partition.Value, record.Offset.Value, TransactionalHop.QuotedKey(record.Message.Key), e.Message);
            }
            else
            {
                logger.LogError("{Listener}: {Topic}[{Partition}]@{Offset} key {Key} dead-lettered: {Error}",
                    options.Name, record.Topic, record.Partition.Value, record.Offset.Value, TransactionalHop.QuotedKey(record.Message.Key), e.Message);
                try
                {
                    publisher.DeadLetterAsync(record, e, stopping).GetAwaiter().GetResult();
                }
                catch (OperationCanceledException)
                {
                    return false;
                }
            }
        }
        finally
        {
            telemetry.ProcessDuration.Record(Stopwatch.GetElapsedTime(started).TotalSeconds, topic);
        }

        return true;
    }

    /// <summary>The topics' partitions, from the cluster's metadata (retried until the broker answers; null once stopping).</summary>
    private List<TopicPartition>? Partitions(CancellationToken stopping)
    {
        using var admin = new AdminClientBuilder(connection.Admin()).SetLogHandler((_, _) => { }).Build();
        while (!stopping.IsCancellationRequested)
        {
            try
            {
                var topics = options.Topics.Select(t => admin.GetMetadata(t, options.BrokerTimeout).Topics.Single()).ToList();
                if (topics.FirstOrDefault(t => t.Error.Code != ErrorCode.NoError || t.Partitions.Count == 0) is not { } missing)
                {
                    return [.. topics.SelectMany(t => t.Partitions.Select(p => new TopicPartition(t.Topic, p.PartitionId)))];
                }

                logger.LogWarning("{Listener}: {Topic} is not available yet: {Error}", options.Name, missing.Topic, missing.Error.Reason);
            }
            catch (KafkaException e)
            {
                logger.LogWarning("{Listener}: no metadata for {Topics} yet: {Error}", options.Name, string.Join(",", options.Topics), e.Error.Reason);
            }

            stopping.WaitHandle.WaitOne(TimeSpan.FromSeconds(1));
        }

        return null;
    }
}

using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Text;
using Confluent.Kafka;
using MassTransit.Mediator;
using MesoStream.Contracts;
using MesoStream.Contracts.Messaging;
using MesoStream.Contracts.Specs;
using MesoStream.Infra.Broker;
using MesoStream.Infra.ClaimCheck;
using MesoStream.Infra.FlowControl;
using MesoStream.Infra.Telemetry;
using Microsoft.Extensions.Logging;

namespace MesoStream.Infra.Kafka;

/// <summary>
/// The one consume → transform → produce loop every service runs (Confluent's ExactlyOnce example, KIP-447 model).
/// Each transaction carries several records' outputs, dead letters and input offsets, so a crash at any point neither
/// loses nor duplicates a record: either everything a batch produced is committed together with its offsets, or
/// nothing is and the batch is consumed again. Consumers read only committed data.
/// <list type="bullet">
/// <item>Each record is dispatched through the MassTransit mediator to the service's consumer; the consume pipeline
/// (<see cref="HopPipeline"/>: dead-letter decision, retry, per-attempt telemetry) decides what is final.</item>
/// <item>A record whose handler fails — a contract violation at once, anything else after the retries — goes to
/// <c>&lt;topic&gt;.dlq</c> with error headers, inside the same transaction; the partition keeps flowing.</item>
/// <item>An aborted transaction rewinds every partition to the first record of the batch, so nothing is skipped.</item>
/// <item>Outputs wait in memory until the batch commits, and the transaction spans only produce → offsets → commit.
/// A crash while handling records therefore leaves nothing on the output topics. This matters on the embedded broker:
/// librdkafka's mock cluster neither hides aborted records from read_committed consumers nor stores offsets sent in a
/// transaction (see EmbeddedBrokerTransactionTests), so there the offsets are committed again by the consumer right
/// after the transaction, and a crash inside the produce → commit window leaves a batch's outputs in the log with its
/// offsets uncommitted. Every output therefore names its input (<see cref="RecordLineage"/>, placed in the input's
/// partition index), and a hop that is assigned a partition first reads back what is already there
/// (<see cref="ProducedOutputs"/>) and does not produce it again. On a real Kafka cluster the transaction alone is
/// exactly-once and the read-back finds nothing.</item>
/// <item>Backpressure: with <see cref="HopOptions.Downstream"/> set, the hop spends one <see cref="OutputCredit"/> per
/// record it produces there; when the credit is gone it commits, measures the downstream group's backlog and, if that
/// is still at its bound, pauses its input partitions (Pause/Resume, still polling, so the group does not rebalance)
/// until the downstream stage has caught up. No stage can run further ahead of its consumer than the log holds.</item>
/// <item>A truncated log is never silent: if the broker dropped records before this hop read them, the hop writes one
/// <c>log-truncated</c> record naming the lost offsets to <c>&lt;topic&gt;.dlq</c>, inside the next transaction.</item>
/// <item>Stopping drains: the record in hand finishes, the transaction commits, the consumer leaves the group.</item>
/// </list>
/// Runs on a dedicated thread (<see cref="Run"/> blocks): librdkafka's calls block, and .NET 10 runs all of
/// BackgroundService.ExecuteAsync on the thread pool.
/// </summary>
public sealed class TransactionalHop : IDisposable
{
    private readonly KafkaConnection _connection;
    private readonly HopOptions _options;
    private readonly IMediator _mediator;
    private readonly ServiceTelemetry _telemetry;
    private readonly ILogger _logger;
    private readonly Dictionary<TopicPartition, long> _nextOffsets = [];
    private readonly Dictionary<TopicPartition, long> _batchStart = [];
    private readonly List<Message<string, byte[]>> _pendingMessages = [];
    private readonly List<TopicPartition> _pendingTopics = [];
    private readonly IProducer<string, byte[]> _producer;
    private readonly IConsumer<string, byte[]> _consumer;
    private readonly IReadOnlyList<ICommitParticipant> _participants;
    private readonly BlobStore? _blobs;
    private readonly OutputCredit? _credit;
    private readonly DownstreamBacklog? _backlog;
    private readonly ConcurrentQueue<TopicPartitionOffset> _truncations = new();
    private readonly Dictionary<TopicPartition, long> _lostFrom = [];
    private readonly Dictionary<TopicPartition, long> _lostReportedInBatch = [];
    private readonly HashSet<TopicPartition> _held = [];
    private readonly Dictionary<TopicPartition, long> _groupCommitOwed = [];
    private readonly bool _samePartitions;
    private readonly Dictionary<string, bool> _partitionedLikeInput;
    private readonly int _maxRecordBytes;
    private readonly ProducedOutputs _produced;
    private long _groupCommitTried;
    private long _backlogChecked;
    private long _flowReported;
    private long _pauses;
    private long _heldTicks;
    private int _recordsInTransaction;
    private long _transactionStarted;
    private long _lagMeasured;

    public TransactionalHop(
        KafkaConnection connection,
        HopOptions options,
        IMediator mediator,
        ServiceTelemetry telemetry,
        ILogger logger,
        IReadOnlyList<ICommitParticipant>? participants = null)
    {
        _participants = participants ?? [];
        _connection = connection;
        _options = options;
        _mediator = mediator;
        _telemetry = telemetry;
        _logger = logger;
        _producer = new ProducerBuilder<string, byte[]>(connection.TransactionalProducer(options.TransactionalId, options.TransactionTimeout))
            .SetLogHandler((_, m) => LogClient(m))
            .Build();
        _consumer = new ConsumerBuilder<string, byte[]>(connection.TransactionalConsumer(options.ConsumerGroup, options.MaxPollInterval))
            .SetLogHandler((_, m) => LogClient(m))
            .SetPartitionsAssignedHandler((_, partitions) =>
                _logger.LogInformation("{Service}: assigned {Partitions}", options.ServiceName, string.Join(",", partitions)))
            .SetPartitionsRevokedHandler((_, partitions) => OnRevoked(partitions))
            .SetPartitionsLostHandler((_, partitions) => OnLost(partitions))
            .Build();
        _blobs = options.ClaimCheck is { } claims ? new BlobStore(claims.Directory) : null;
        if (options.Downstream is { } downstream)
        {
            _backlog = new DownstreamBacklog(connection, downstream.Topic, downstream.ConsumerGroup, options.BrokerTimeout);
            _credit = new OutputCredit(_backlog.Measure, _backlog.PartitionCount, options.FlowControl, transactionalOutput: true);
        }

        using (var admin = new AdminClientBuilder(connection.Admin()).SetLogHandler((_, _) => { }).Build())
        {
            var topics = admin.GetMetadata(options.BrokerTimeout).Topics.Where(t => !t.Error.IsError).ToList();
            _partitionedLikeInput = PartitionedLikeInput(topics.ToDictionary(t => t.Topic, t => t.Partitions.Count), options);
            _samePartitions = options.Downstream is { } placed && _partitionedLikeInput[placed.Topic];
            var embedded = topics.Any(t => t.Topic == EmbeddedKafkaBroker.MarkerTopic);
            _maxRecordBytes = Math.Min(Math.Min(connection.MaxMessageBytes - 64 * 1024, options.MaxRecordBytes ?? int.MaxValue),
                embedded ? EmbeddedKafkaBroker.MaxRetainedRecordBytes : int.MaxValue);
        }

        _produced = new ProducedOutputs(connection, options.BrokerTimeout, logger, options.ServiceName, options.ConsumerGroup);
    }

    /// <summary>
    /// Which output topics have the input's partition count: outputs go to the input's partition index there, so a
    /// restart can read back one partition per topic (<see cref="ProducedOutputs"/>). The others are written by key.
    /// </summary>
    private Dictionary<string, bool> PartitionedLikeInput(Dictionary<string, int> counts, HopOptions options)
    {
        var input = counts.GetValueOrDefault(options.InputTopic);
        var result = options.AllOutputTopics.ToDictionary(t => t, t => input > 0 && counts.GetValueOrDefault(t) == input);
        foreach (var (topic, same) in result.Where(r => !r.Value))
        {
            _logger.LogWarning("{Service}: {Topic} does not have the {Partitions} partitions of {Input}: its records are placed by key and a restart cannot read back outputs a crash left there (exactly-once rests on the broker's transactions alone)",
                options.ServiceName, topic, input, options.InputTopic);
        }

        return result;
    }

    /// <summary>Records processed (produced or dead-lettered) and committed since start.</summary>
    public long CommittedRecords { get; private set; }

    /// <summary>Consumes until <paramref name="stopping"/> fires, then drains. Fatal Kafka errors propagate.</summary>
    public void Run(CancellationToken stopping)
    {
        _producer.InitTransactions(_options.BrokerTimeout);
        _consumer.Subscribe(_options.InputTopic);
        _logger.LogInformation("{Service}: consuming {Topic} as {TransactionalId} via {Bootstrap}",
            _options.ServiceName, _options.InputTopic, _options.TransactionalId, _connection.BootstrapServers);
        try
        {
            while (!stopping.IsCancellationRequested)
            {
                ApplyBackpressure();
                var record = _consumer.Consume(TimeSpan.FromMilliseconds(100));
                if (record is { IsPartitionEOF: false, Message: not null })
                {
                    Process(record);
                }

                if (_recordsInTransaction >= _options.MaxRecordsPerTransaction ||
                    (_recordsInTransaction > 0 && Stopwatch.GetElapsedTime(_transactionStarted) >= _options.CommitInterval))
                {
                    Commit();
                }

                MeasureLag();
                RetryGroupCommit();
            }

            Commit();
        }
        finally
        {
            CloseConsumer();
        }
    }

    private void Process(ConsumeResult<string, byte[]> record)
    {
        var partition = record.TopicPartition;
        _batchStart.TryAdd(partition, record.Offset.Value);
        if (_recordsInTransaction == 0)
        {
            _transactionStarted = Stopwatch.GetTimestamp();
        }

        _telemetry.Consumed.Add(1, new KeyValuePair<string, object?>(MessagingConventions.DestinationName, record.Topic));
        ReportTruncation(record);
        if (!_produced.Recovered(partition))
        {
            // The first record after an assignment or a rewind sits at the committed offset: read back what a crash left after it.
            _produced.Recover(partition, record.Offset.Value, record.Message.Timestamp,
                [.. _partitionedLikeInput.Where(t => t.Value).Select(t => new TopicPartition(t.Key, partition.Partition))]);
        }

        if (_produced.AllProduced(partition, record.Offset.Value))
        {
            _nextOffsets[partition] = record.Offset.Value + 1;
            _recordsInTransaction++;
            return;
        }

        var started = Stopwatch.GetTimestamp();
        using (var activity = KafkaTracing.StartProcess(_telemetry.Source, record, _options.ConsumerGroup))
        {
            InboundRecord? inbound = null;
            Exception? failure = null;
            try
            {
                inbound = new InboundRecord(record, Payload(record));
                // The consume pipeline (HopPipeline) retries and decides: a record that fails for good comes back rejected.
                _mediator.Send(inbound).GetAwaiter().GetResult();
                failure = inbound.Rejection;
                if (failure is null)
                {
                    CheckOutputs(inbound.Outputs);
                }
            }
            catch (Exception e)
            {
                // Every failure of a record is that record's: it is dead-lettered and the partition goes on (a rethrow
                // would stop the service on every restart). Sizes a record declares are refused before allocating
                // (BoundedAllocator, SpecLimits); an out-of-memory error that still occurs is retried like any other
                // unexpected error (HopOptions.MaxAttempts), so only a record that fails every time is dead-lettered —
                // the alternative, a crash, would replay it into the same failure forever. Here: what fails outside
                // the handler (a claim check that cannot be resolved, an output over the record limit).
                failure = e;
            }

            if (failure is null)
            {
                var outputs = inbound!.Outputs;
                for (var index = 0; index < outputs.Count; index++)
                {
                    if (_produced.Produced(partition, record.Offset.Value, index))
                    {
                        continue;
                    }

                    var output = outputs[index];
                    // Same partition index end to end (docs/pipeline.md), made explicit so the credit of that partition
                    // is the one spent.
                    var outputPartition = output.Partition ?? SamePartitionAs(partition, output.Topic);
                    if (output.Topic == _options.Downstream?.Topic)
                    {
                        _credit!.Spend(outputPartition ?? OutputCredit.AnyPartition, output.Value.Length);
                    }

                    var headers = RecordHeaders.For(output, _options.TransactionalId);
                    headers.Add(MessageHeaders.Source, new RecordLineage(record.Topic, partition.Partition.Value, record.Offset.Value, index, outputs.Count, _options.ConsumerGroup).ToHeaderValue());

                    Enqueue(output.Topic, outputPartition, output.Key, CheckedIn(output.Value, headers), headers);
                }
            }
            else
            {
                DeadLetter(record, failure, activity);
            }
        }

        _telemetry.ProcessDuration.Record(Stopwatch.GetElapsedTime(started).TotalSeconds);
        _nextOffsets[partition] = record.Offset.Value + 1;
        _recordsInTransaction++;
        HoldIfOutOfCredit(partition);
    }

    /// <summary>The record's payload: its value, or the blob its claim check names (verified against its hash).</summary>
    private byte[] Payload(ConsumeResult<string, byte[]> record)
    {
        if (record.Message.Headers?.TryGetLastBytes(MessageHeaders.ClaimCheck, out var reference) != true)
        {
            return record.Message.Value ?? [];
        }

        return _blobs?.Get(Encoding.UTF8.GetString(reference))
            ?? throw new InvalidMessageException($"header {MessageHeaders.ClaimCheck}",
                "the record's payload is in a claim-check directory, but this service was started without --claim-check-dir");
    }

    /// <summary>A payload above the claim-check threshold goes to the blob store; the record carries its reference and an empty value.</summary>
    private byte[] CheckedIn(byte[] value, Headers headers)
    {
        if (_blobs is null || value.Length <= _options.ClaimCheck!.ThresholdBytes)
        {
            return value;
        }

        headers.Add(MessageHeaders.ClaimCheck, Encoding.UTF8.GetBytes(_blobs.Put(value)));
        headers.Add(MessageHeaders.ClaimCheckBytes, Encoding.UTF8.GetBytes(value.Length.ToString(CultureInfo.InvariantCulture)));
        return [];
    }

    private void CheckOutputs(IReadOnlyList<OutboundRecord> outputs)
    {
        foreach (var output in outputs)
        {
            if (_blobs is not null && output.Value.Length > _options.ClaimCheck!.ThresholdBytes)
            {
                continue;
            }

            var limit = _maxRecordBytes;
            if (output.Value.Length > limit)
            {
                throw new InvalidMessageException("output",
                    $"the {output.Value.Length}-byte record for {output.Topic} exceeds this service's {limit}-byte record limit (--max-record-bytes; " +
                    "on the embedded broker, which keeps 5 MiB per partition, a larger record would vanish): use a smaller grid or a real Kafka");
            }
        }
    }

    private void DeadLetter(ConsumeResult<string, byte[]> record, Exception failure, Activity? activity)
    {
        var root = DeadLetterHeaders.RootCause(failure);
        var errorType = DeadLetterHeaders.ErrorTypeOf(root);
        KafkaTracing.RecordError(activity, root, errorType);
        _telemetry.DeadLettered.Add(1, new KeyValuePair<string, object?>(MessagingConventions.DestinationName, record.Topic));
        _logger.LogWarning("{Service}: {Topic}[{Partition}]@{Offset} key {Key} dead-lettered: {Error}",
            _options.ServiceName, record.Topic, record.Partition.Value, record.Offset.Value, QuotedKey(record.Message.Key), root.Message);
        var headers = DeadLetterHeaders.For(record, root, _options.TransactionalId);
        headers.Add(MessageHeaders.Source, new RecordLineage(record.Topic, record.Partition.Value, record.Offset.Value, 0, 1, _options.ConsumerGroup).ToHeaderValue());
        var topic = Topics.DeadLetterOf(record.Topic);
        Enqueue(topic, SamePartitionAs(record.TopicPartition, topic), record.Message.Key, record.Message.Value ?? [], headers);
    }

    private int? SamePartitionAs(TopicPartition input, string topic) =>
        _partitionedLikeInput.GetValueOrDefault(topic) ? input.Partition.Value : null;

    /// <summary>A record key as logs and spans show it: a hostile megabyte key must not become a megabyte log line.</summary>
    internal static string? QuotedKey(string? key) => key is null ? null : FieldError.Quote(key, 2 * SpecLimits.MaxIdLength);

    /// <summary>Starts the send span now, under the process span, and keeps the record for the commit.</summary>
    private void Enqueue(string topic, int? partition, string? key, byte[] value, Headers headers)
    {
        KafkaTracing.Send(_telemetry.Source, topic, key, value.Length, headers);

        _pendingMessages.Add(new Message<string, byte[]> { Key = key!, Value = value, Headers = headers });
        _pendingTopics.Add(new TopicPartition(topic, partition is { } p ? new Partition(p) : Partition.Any));
    }

    private void ProducePending()
    {
        for (var i = 0; i < _pendingMessages.Count; i++)
        {
            while (true)
            {
                try
                {
                    _producer.Produce(_pendingTopics[i], _pendingMessages[i]);
                    _telemetry.Produced.Add(1, new KeyValuePair<string, object?>(MessagingConventions.DestinationName, _pendingTopics[i].Topic));
                    break;
                }
                catch (ProduceException<string, byte[]> e) when (e.Error.Code == ErrorCode.Local_QueueFull)
                {
                    _producer.Poll(TimeSpan.FromMilliseconds(100));
                }
            }
        }
    }

    private void Commit()
    {
        if (_recordsInTransaction == 0)
        {
            return;
        }

        foreach (var participant in _participants)
        {
            participant.BeforeCommit();
        }

        try
        {
            _producer.BeginTransaction();
            ProducePending();
            foreach (var participant in _participants)
            {
                participant.OutputsProduced();
            }

            Retrying(() => _producer.SendOffsetsToTransaction(
                _nextOffsets.Select(p => new TopicPartitionOffset(p.Key, p.Value)),
                _consumer.ConsumerGroupMetadata, _options.BrokerTimeout));
            Retrying(() => _producer.CommitTransaction(_options.BrokerTimeout));
            CommittedRecords += _recordsInTransaction;
            foreach (var participant in _participants)
            {
                participant.TransactionCommitted();
            }
        }
        catch (KafkaTxnRequiresAbortException e)
        {
            _logger.LogWarning("{Service}: transaction aborted, rewinding {Count} records: {Error}", _options.ServiceName, _recordsInTransaction, e.Error.Reason);
            Retrying(() => _producer.AbortTransaction(_options.BrokerTimeout));
            Rewind();
            return;
        }

        CommitOffsetsToGroup();
        ResetBatch();
    }

    /// <summary>
    /// Commits the same offsets again through the consumer. On a real cluster the transaction already did (a no-op
    /// repeat); librdkafka's mock cluster acknowledges TxnOffsetCommit without storing it, so without this a restarted
    /// service would start the embedded pipeline over from offset 0. A crash between the two commits re-delivers
    /// one batch, which deterministic services turn into identical records that the dataset dedupes by structure id.
    /// </summary>
    private void CommitOffsetsToGroup()
    {
        foreach (var (partition, offset) in _nextOffsets)
        {
            _groupCommitOwed[partition] = offset;
        }

        TryGroupCommit();
    }

    /// <summary>
    /// A group commit that failed is owed until it succeeds: on the mock broker it is the only record of this stage's
    /// progress, and flow control upstream reads it, so a lost one could hold the upstream partition with nothing
    /// left here to trigger another commit. Retried once a second; only partitions still assigned (a new owner's
    /// offsets are its own).
    /// </summary>
    private void RetryGroupCommit()
    {
        if (_groupCommitOwed.Count > 0 && Stopwatch.GetElapsedTime(_groupCommitTried) >= TimeSpan.FromSeconds(1))
        {
            var assigned = _consumer.Assignment.ToHashSet();
            foreach (var partition in _groupCommitOwed.Keys.Where(p => !assigned.Contains(p)).ToList())
            {
                _groupCommitOwed.Remove(partition);
            }

            TryGroupCommit();
        }
    }

    private void TryGroupCommit()
    {
        _groupCommitTried = Stopwatch.GetTimestamp();
        if (_groupCommitOwed.Count == 0)
        {
            return;
        }

        try
        {
            _consumer.Commit(_groupCommitOwed.Select(p => new TopicPartitionOffset(p.Key, p.Value)));
            _groupCommitOwed.Clear();
        }
        catch (KafkaException e)
        {
            _logger.LogWarning("{Service}: group offset commit after the transaction failed, retrying: {Error}", _options.ServiceName, e.Error.Reason);
        }
    }

    /// <summary>Forgets the uncommitted batch and seeks back to its first record on every partition still assigned.</summary>
    private void Rewind()
    {
        var assigned = _consumer.Assignment.ToHashSet();
        foreach (var (partition, offset) in _batchStart)
        {
            if (assigned.Contains(partition))
            {
                _consumer.Seek(new TopicPartitionOffset(partition, offset));
            }

            // On the embedded broker the aborted batch's outputs stay visible: read them back before redoing it.
            _produced.Forget(partition);
        }

        // The aborted batch's truncation reports were never written: they go out again with the redelivered records.
        foreach (var (partition, from) in _lostReportedInBatch)
        {
            if (_batchStart.ContainsKey(partition))
            {
                _lostFrom.TryAdd(partition, from);
            }
        }

        ResetBatch();
    }

    private void ResetBatch()
    {
        _nextOffsets.Clear();
        _batchStart.Clear();
        _pendingMessages.Clear();
        _pendingTopics.Clear();
        _lostReportedInBatch.Clear();
        _recordsInTransaction = 0;
    }

    /// <summary>Cooperative rebalance: commit what was done before the partitions move, so the new owner starts after it.</summary>
    private void OnRevoked(List<TopicPartitionOffset> partitions)
    {
        _logger.LogInformation("{Service}: revoked {Partitions}", _options.ServiceName, string.Join(",", partitions.Select(p => p.TopicPartition)));
        Release(partitions);
        Commit();
    }

    /// <summary>Partitions lost (session timeout): their offsets can no longer be committed by us, so drop the batch and redo the rest.</summary>
    private void OnLost(List<TopicPartitionOffset> partitions)
    {
        _logger.LogWarning("{Service}: lost {Partitions}", _options.ServiceName, string.Join(",", partitions.Select(p => p.TopicPartition)));
        Release(partitions);
        if (_recordsInTransaction > 0)
        {
            foreach (var p in partitions)
            {
                _batchStart.Remove(p.TopicPartition);
            }

            Rewind();
        }
    }

    /// <summary>
    /// Partitions leaving this member are resumed before they are forgotten: librdkafka keeps a partition's pause
    /// across revocation, so one assigned back to us later would otherwise stay paused with nobody to resume it.
    /// A pending truncation report of theirs belongs to the next owner, which sees the same offset reset.
    /// </summary>
    private void Release(List<TopicPartitionOffset> partitions)
    {
        DrainTruncations();
        var leaving = partitions.Select(p => p.TopicPartition).ToList();
        var held = leaving.Where(_held.Contains).ToList();
        if (held.Count > 0)
        {
            _consumer.Resume(held);
            _held.ExceptWith(held);
        }

        foreach (var partition in leaving)
        {
            _lostFrom.Remove(partition);
            _produced.Forget(partition);
        }
    }

    /// <summary>
    /// The output partition fed by <paramref name="input"/> has no credit left: pause that input partition (every
    /// assigned one when outputs are not placed by partition index), keep consuming the others.
    /// </summary>
    private void HoldIfOutOfCredit(TopicPartition input)
    {
        if (_credit is null || (_samePartitions ? _credit.Remaining(input.Partition.Value) : _credit.MinRemaining) > 0)
        {
            return;
        }

        List<TopicPartition> hold = _samePartitions ? [input] : [.. _consumer.Assignment];
        hold.RemoveAll(_held.Contains);
        if (hold.Count == 0)
        {
            return;
        }

        _consumer.Pause(hold);
        if (_held.Count == 0)
        {
            _backlogChecked = Stopwatch.GetTimestamp();
        }

        _held.UnionWith(hold);
        _pauses += hold.Count;
        _telemetry.FlowPauses.Add(hold.Count);
        var level = _pauses == hold.Count ? LogLevel.Information : LogLevel.Debug;
        _logger.Log(level, "{Service}: paused {Partitions}: {Group} has {Backlog} unconsumed records on {Topic}, the bound is {Capacity} ({Bytes} B each)",
            _options.ServiceName, string.Join(",", hold), _backlog!.ConsumerGroup, _credit.WorstBacklog, _backlog.Topic, _credit.Capacity, _credit.RecordBytes);
    }

    /// <summary>
    /// While input partitions are held, every <see cref="FlowControlOptions.PausedPollInterval"/>: commit (so the
    /// downstream stage can see and consume what was produced), measure its backlog, and resume the partitions whose
    /// output has room again. Pause/Resume, not sleeping: the hop keeps polling, so the group never rebalances.
    /// </summary>
    private void ApplyBackpressure()
    {
        if (_credit is null)
        {
            return;
        }

        ReportFlow();
        if (_held.Count == 0 || Stopwatch.GetElapsedTime(_backlogChecked) < _options.FlowControl.PausedPollInterval)
        {
            return;
        }

        _heldTicks += Stopwatch.GetTimestamp() - _backlogChecked;
        _backlogChecked = Stopwatch.GetTimestamp();
        Commit();
        if (_recordsInTransaction > 0)
        {
            return;
        }

        try
        {
            _credit.Refill();
        }
        catch (KafkaException e)
        {
            // A broker slow to answer OffsetFetch/ListOffsets is no reason to stop: the held partitions wait for the next measurement.
            _logger.LogWarning("{Service}: could not measure {Group}'s backlog on {Topic}, keeping input held: {Error}",
                _options.ServiceName, _backlog!.ConsumerGroup, _backlog.Topic, e.Error.Reason);
            return;
        }

        var assigned = _consumer.Assignment.ToHashSet();
        _held.RemoveWhere(p => !assigned.Contains(p));
        var ready = _held.Where(p => _samePartitions ? _credit.Remaining(p.Partition.Value) > 0 : _credit.MinRemaining > 0).ToList();
        if (ready.Count > 0)
        {
            _consumer.Resume(ready);
            _held.ExceptWith(ready);
        }
    }

    /// <summary>Once a minute, if backpressure acted: how often and how long input was held back.</summary>
    private void ReportFlow()
    {
        if (Stopwatch.GetElapsedTime(_flowReported) < TimeSpan.FromMinutes(1))
        {
            return;
        }

        _flowReported = Stopwatch.GetTimestamp();
        if (_heldTicks > 0)
        {
            var seconds = _heldTicks / (double)Stopwatch.Frequency;
            _telemetry.FlowPausedSeconds.Add(seconds);
            _logger.LogInformation("{Service}: flow control: {Pauses} partition pauses so far; input held {Seconds:F1} s (summed over partitions) in the last minute; {Topic} bound {Capacity} records of {Bytes} B per partition",
                _options.ServiceName, _pauses, seconds, _backlog!.Topic, _credit!.Capacity, _credit.RecordBytes);
            _heldTicks = 0;
        }
    }

    /// <summary>
    /// The broker dropped records of this partition before we read them (logged by librdkafka as an offset reset): the
    /// first record read after the reset closes the lost range, which goes to the dead-letter topic as one
    /// <c>log-truncated</c> record (no key, empty value) in this transaction, so operators and the campaign see it.
    /// </summary>
    private void ReportTruncation(ConsumeResult<string, byte[]> record)
    {
        DrainTruncations();
        if (!_lostFrom.Remove(record.TopicPartition, out var from) || from >= record.Offset.Value)
        {
            return;
        }

        _lostReportedInBatch[record.TopicPartition] = from;

        var message = $"offsets [{from}, {record.Offset.Value}) of {record.Topic}[{record.Partition.Value}] were removed by the broker before {_options.ServiceName} read them";
        _logger.LogError("{Service}: records lost: {Message}", _options.ServiceName, message);
        var headers = DeadLetterHeaders.ForLostRange(record.Topic, record.Partition.Value, from, record.Offset.Value, message, _options.TransactionalId);
        Enqueue(Topics.DeadLetterOf(record.Topic), record.Partition.Value, null, [], headers);
    }

    /// <summary>Offset resets librdkafka logged (on its own thread) become lost ranges waiting for their closing record.</summary>
    private void DrainTruncations()
    {
        while (_truncations.TryDequeue(out var truncation))
        {
            _lostFrom.TryAdd(truncation.TopicPartition, truncation.Offset.Value);
        }
    }

    private void Retrying(Action call)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                call();
                return;
            }
            catch (KafkaRetriableException e) when (attempt < 5)
            {
                _logger.LogWarning("{Service}: retrying after {Error}", _options.ServiceName, e.Error.Reason);
            }
        }
    }

    private void MeasureLag()
    {
        if (Stopwatch.GetElapsedTime(_lagMeasured) < TimeSpan.FromSeconds(1))
        {
            return;
        }

        _lagMeasured = Stopwatch.GetTimestamp();
        long lag = 0;
        foreach (var partition in _consumer.Assignment)
        {
            var watermarks = _consumer.GetWatermarkOffsets(partition);
            var position = _consumer.Position(partition);
            if (watermarks.High.Value >= 0 && position.Value >= 0)
            {
                lag += Math.Max(0, watermarks.High.Value - position.Value);
            }
        }

        _telemetry.ReportLag(lag);
    }

    /// <summary>Close can block forever on an unreachable broker (librdkafka#4519): bound it.</summary>
    private void CloseConsumer()
    {
        var close = Task.Run(() => _consumer.Close());
        if (!close.Wait(_options.BrokerTimeout))
        {
            _logger.LogWarning("{Service}: consumer close timed out after {Timeout}", _options.ServiceName, _options.BrokerTimeout);
        }
    }

    private void LogClient(LogMessage message)
    {
        if (message.Facility == "OFFSET" && message.Message.Contains("Offset out of range", StringComparison.Ordinal))
        {
            if (LogTruncation.Parse(message.Facility, message.Message) is { } truncation)
            {
                _truncations.Enqueue(truncation);
            }

            // The log was truncated below our position before we read it: on the embedded broker, whose partitions keep
            // only 5 MiB, because producers ran ahead of this service. Records were skipped; say so loudly.
            _telemetry.OffsetResets.Add(1);
            _logger.LogError("{Service}: records lost before they were consumed (log truncated below the consumer's position): {Message}",
                _options.ServiceName, message.Message);
            return;
        }

        var level = message.Level switch
        {
            SyslogLevel.Emergency or SyslogLevel.Alert or SyslogLevel.Critical or SyslogLevel.Error => LogLevel.Error,
            SyslogLevel.Warning => LogLevel.Warning,
            SyslogLevel.Notice or SyslogLevel.Info => LogLevel.Information,
            _ => LogLevel.Debug,
        };
        _logger.Log(level, "librdkafka {Facility}: {Message}", message.Facility, message.Message);
    }

    public void Dispose()
    {
        _produced.Dispose();
        _backlog?.Dispose();
        _consumer.Dispose();
        _producer.Dispose();
    }
}

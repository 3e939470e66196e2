using MesoStream.Infra.ClaimCheck;
using MesoStream.Infra.FlowControl;

namespace MesoStream.Infra.Kafka;

/// <summary>How one consume → transform → produce hop runs.</summary>
public sealed record HopOptions
{
    /// <summary>Service name: consumer group, transactional-id prefix and telemetry name.</summary>
    public required string ServiceName { get; init; }

    public required string InputTopic { get; init; }

    /// <summary>Distinguishes replicas. A restarted replica must reuse its id: that fences the dead one and aborts its open transaction at once.</summary>
    public string InstanceId { get; init; } = Environment.MachineName;

    public string ConsumerGroup => ServiceName;

    public string TransactionalId => $"{ServiceName}-{InstanceId}";

    /// <summary>Records per transaction: a transaction round trip costs far more than a small record.</summary>
    public int MaxRecordsPerTransaction { get; init; } = 32;

    /// <summary>A transaction commits at the latest this long after its first record.</summary>
    public TimeSpan CommitInterval { get; init; } = TimeSpan.FromMilliseconds(500);

    /// <summary>Must exceed the commit interval plus the slowest batch of records.</summary>
    public TimeSpan TransactionTimeout { get; init; } = TimeSpan.FromMinutes(5);

    /// <summary>Must exceed the slowest single record (a 200³ solve).</summary>
    public TimeSpan MaxPollInterval { get; init; } = TimeSpan.FromMinutes(10);

    /// <summary>Handler attempts for unexpected exceptions before the record is dead-lettered; contract violations get one.</summary>
    public int MaxAttempts { get; init; } = 3;

    /// <summary>The output topic and the group that reads it, whose unconsumed backlog bounds this hop; null: unbounded (terminal stages).</summary>
    public DownstreamStage? Downstream { get; init; }

    /// <summary>
    /// Topics this hop writes besides <see cref="Downstream"/> and its dead-letter topic. A restarted hop reads them
    /// back (with those two) to find outputs a crash left uncommitted; see <see cref="ProducedOutputs"/>.
    /// </summary>
    public IReadOnlyList<string> OutputTopics { get; init; } = [];

    /// <summary>Every topic this hop produces to.</summary>
    public IReadOnlyList<string> AllOutputTopics =>
        [.. OutputTopics.Union(Downstream is { } d ? [d.Topic] : []).Append(MesoStream.Contracts.Topics.DeadLetterOf(InputTopic)).Distinct()];

    /// <summary>
    /// Largest output record; a record above it is refused (its input dead-lettered with the reason) instead of being
    /// produced. The embedded broker drops a record larger than the 5 MiB it keeps per partition, so a hop that finds
    /// <see cref="Broker.EmbeddedKafkaBroker.MarkerTopic"/> in the metadata holds to
    /// <see cref="Broker.EmbeddedKafkaBroker.MaxRetainedRecordBytes"/> whatever this says; null: the client's message limit.
    /// </summary>
    public int? MaxRecordBytes { get; init; }

    /// <summary>Where output payloads above a threshold go instead of the log (and claim checks on the input are resolved); null: inline only.</summary>
    public ClaimCheckOptions? ClaimCheck { get; init; }

    /// <summary>How large that backlog may grow before this hop pauses its input.</summary>
    public FlowControlOptions FlowControl { get; init; } = new();

    /// <summary>Bound on librdkafka calls that wait on the broker (init, commit, close).</summary>
    public TimeSpan BrokerTimeout { get; init; } = TimeSpan.FromSeconds(30);
}

using System.Globalization;

namespace MesoStream.Infra.FlowControl;

/// <summary>
/// How far a stage may run ahead of the consumer group that reads its output topic, per partition: the unconsumed
/// backlog (the group's committed offset to the high watermark) in bytes and in records. A stage whose backlog reaches
/// either bound pauses its input until the downstream group has caught up (credit-based backpressure).
/// <para>
/// The defaults come from the embedded broker: librdkafka's mock cluster keeps only the newest 5 MiB of each partition
/// and drops older records whether or not they were read. 2 MiB of unconsumed records per partition leaves the other
/// 3 MiB for the transaction in flight and for the size estimate being off by a record or two; a stage is always
/// allowed one record per partition, so a 2.6 MiB 200³ voxel batch still flows, one per partition at a time. On a real
/// Kafka the same bounds keep the memory of consumers and the disk of the brokers bounded; raise them there with
/// <c>--max-backlog-bytes</c> / <c>--max-backlog-records</c> if a stage should buffer more.
/// </para>
/// </summary>
public sealed record FlowControlOptions
{
    public const long DefaultMaxBacklogBytes = 2L * 1024 * 1024;

    public const int DefaultMaxBacklogRecords = 1000;

    /// <summary>Unconsumed bytes allowed per partition of the output topic.</summary>
    public long MaxBacklogBytes { get; init; } = DefaultMaxBacklogBytes;

    /// <summary>Unconsumed records allowed per partition of the output topic.</summary>
    public int MaxBacklogRecords { get; init; } = DefaultMaxBacklogRecords;

    /// <summary>How often a paused stage looks again at its downstream backlog.</summary>
    public TimeSpan PausedPollInterval { get; init; } = TimeSpan.FromMilliseconds(250);

    /// <summary>Checks the bounds a user passed; the message names the option and its allowed range.</summary>
    public FlowControlOptions Validated()
    {
        if (MaxBacklogBytes is < 1024 or > 1L << 40)
        {
            throw new ArgumentException($"--max-backlog-bytes must lie in [1024, {1L << 40}], got {MaxBacklogBytes.ToString(CultureInfo.InvariantCulture)}");
        }

        if (MaxBacklogRecords is < 1 or > 10_000_000)
        {
            throw new ArgumentException($"--max-backlog-records must lie in [1, 10000000], got {MaxBacklogRecords.ToString(CultureInfo.InvariantCulture)}");
        }

        return this;
    }
}

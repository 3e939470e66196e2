using Confluent.Kafka;
using Microsoft.Extensions.Logging;

namespace MesoStream.Infra.Kafka;

/// <summary>
/// The outputs already in a hop's output topics for input records whose offsets are not committed: what a crash
/// between producing a batch and committing its offsets leaves behind. On a real cluster an unfinished transaction's
/// records stay invisible to read_committed readers, so this finds nothing; librdkafka's mock cluster shows them, and
/// stores offsets only through the group commit that follows the transaction (see <see cref="TransactionalHop"/>).
/// Reading them back when a partition is assigned lets the hop skip those inputs instead of producing their outputs
/// twice — exactly-once on the embedded broker too.
/// <para>
/// The scan is short because the hop writes the outputs of input partition p to partition p of each output topic
/// whose partition count equals the input's: that partition then holds p's outputs in input order, so reading it
/// backwards stops at the first output of an input older than the committed offset. Topics whose partition count
/// differs are written by key and not scanned (the hop says so when it starts).
/// </para>
/// </summary>
internal sealed class ProducedOutputs(KafkaConnection connection, TimeSpan timeout, ILogger logger, string service, string group) : IDisposable
{
    // Without a crash the newest record of the partition is already older than the committed offset: one small read.
    private const int FirstWindow = 8;
    private static readonly TimeSpan ClockSkew = TimeSpan.FromMinutes(5);
    private readonly Dictionary<TopicPartition, Dictionary<long, Found>> _found = [];
    private IConsumer<string, byte[]>? _reader;

    /// <summary>
    /// Reads what the output partitions <paramref name="outputs"/> hold for inputs of <paramref name="input"/> at or
    /// after <paramref name="from"/>, the first of which was appended at <paramref name="fromTime"/>. A read-back that
    /// fails is logged and treated as finding nothing: on a real cluster the transaction alone is exactly-once.
    /// </summary>
    public void Recover(TopicPartition input, long from, Timestamp fromTime, IReadOnlyList<TopicPartition> outputs)
    {
        var found = new Dictionary<long, Found>();
        try
        {
            var reader = _reader ??= NewReader();
            foreach (var output in outputs)
            {
                var marks = reader.QueryWatermarkOffsets(output, timeout);
                var floor = Math.Max(marks.Low.Value, Floor(reader, output, fromTime, marks) ?? marks.Low.Value);
                long end = marks.High.Value, window = FirstWindow;
                while (end > floor)
                {
                    var start = Math.Max(floor, end - window);
                    if (ReadWindow(reader, output, start, end, input, from, found))
                    {
                        break;
                    }

                    end = start;
                    window *= 4;
                }
            }

            reader.Unassign();
        }
        catch (KafkaException e)
        {
            logger.LogWarning("{Service}: could not read back the outputs of {Input} from offset {From} ({Error}); going on without: on the embedded broker an output a crash left uncommitted may be produced again",
                service, input, from, e.Error.Reason);
            found.Clear();
        }

        _found[input] = found;
        if (found.Count > 0)
        {
            logger.LogWarning("{Service}: {Count} input records of {Input} from offset {From} already have outputs in the log (left by a crash before their offsets were committed); they are not produced again",
                service, found.Count, input, from);
        }
    }

    /// <summary>
    /// The first offset of <paramref name="output"/> that can hold an output of an input appended at
    /// <paramref name="fromTime"/>: outputs are written after their input, so older records need no reading (less a
    /// clock skew allowance). Bounds the read-back where retention is long and a partition holds no older output of
    /// ours to stop at. Null where the broker cannot say: the embedded broker answers -1 to every time lookup (it keeps
    /// only 5 MiB a partition anyway), which a real broker answers only when no record is that new.
    /// </summary>
    private long? Floor(IConsumer<string, byte[]> reader, TopicPartition output, Timestamp fromTime, WatermarkOffsets marks)
    {
        if (fromTime.Type == TimestampType.NotAvailable || marks.High.Value <= marks.Low.Value)
        {
            return null;
        }

        try
        {
            var at = OffsetAt(reader, output, fromTime.UtcDateTime - ClockSkew);
            return at >= 0 ? at
                : OffsetAt(reader, output, DateTime.UnixEpoch) >= 0 ? marks.High.Value
                : null;
        }
        catch (KafkaException)
        {
            return null;
        }
    }

    private long OffsetAt(IConsumer<string, byte[]> reader, TopicPartition output, DateTime time) =>
        reader.OffsetsForTimes([new TopicPartitionTimestamp(output, new Timestamp(time))], timeout).Single().Offset.Value;

    /// <summary>Every output of the input record at <paramref name="offset"/> is already in the log.</summary>
    public bool AllProduced(TopicPartition input, long offset) =>
        _found.TryGetValue(input, out var found) && found.TryGetValue(offset, out var f) && f.Indices.Count == f.Count;

    /// <summary>The <paramref name="index"/>-th output of the input record at <paramref name="offset"/> is already in the log.</summary>
    public bool Produced(TopicPartition input, long offset, int index) =>
        _found.TryGetValue(input, out var found) && found.TryGetValue(offset, out var f) && f.Indices.Contains(index);

    public bool Recovered(TopicPartition input) => _found.ContainsKey(input);

    public void Forget(TopicPartition input) => _found.Remove(input);

    public void Dispose()
    {
        _reader?.Close();
        _reader?.Dispose();
    }

    private IConsumer<string, byte[]> NewReader()
    {
        var config = connection.Reader($"{service}-lineage");
        config.EnablePartitionEof = true;
        return new ConsumerBuilder<string, byte[]>(config).SetLogHandler((_, _) => { }).Build();
    }

    /// <summary>Reads [start, end) of one output partition; true when it held an output of an input older than <paramref name="from"/>.</summary>
    private bool ReadWindow(IConsumer<string, byte[]> reader, TopicPartition output, long start, long end, TopicPartition input, long from, Dictionary<long, Found> found)
    {
        reader.Assign(new TopicPartitionOffset(output, start));
        var deadline = DateTime.UtcNow + timeout;
        var older = false;
        while (true)
        {
            var record = reader.Consume(TimeSpan.FromMilliseconds(200));
            if (record is null)
            {
                if (DateTime.UtcNow > deadline)
                {
                    throw new KafkaException(new Error(ErrorCode.Local_TimedOut,
                        $"{service}: reading back {output} [{start}, {end}) to find outputs already produced did not finish within {timeout}"));
                }

                continue;
            }

            if (record.IsPartitionEOF || record.Offset.Value >= end)
            {
                return older;
            }

            if (record.TopicPartition == output && RecordLineage.Of(record.Message.Headers) is { } lineage && lineage.Group == group
                && lineage.Topic == input.Topic && lineage.Partition == input.Partition.Value)
            {
                if (lineage.Offset < from)
                {
                    older = true;
                }
                else
                {
                    if (!found.TryGetValue(lineage.Offset, out var f))
                    {
                        found[lineage.Offset] = f = new Found(lineage.Count, []);
                    }

                    f.Indices.Add(lineage.Index);
                }
            }

            if (record.Offset.Value == end - 1)
            {
                return older;
            }
        }
    }

    private sealed record Found(int Count, HashSet<int> Indices);
}

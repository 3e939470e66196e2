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
internal sealed class ProducedOutputs(KafkaConnection connection, TimeSpan timeout, ILogger logger, string service) : IDisposable
{
    private const int FirstWindow = 32;
    private readonly Dictionary<TopicPartition, Dictionary<long, Found>> _found = [];
    private IConsumer<string, byte[]>? _reader;

    /// <summary>Reads what the output partitions <paramref name="outputs"/> hold for inputs of <paramref name="input"/> at or after <paramref name="from"/>.</summary>
    public void Recover(TopicPartition input, long from, IReadOnlyList<TopicPartition> outputs)
    {
        var found = new Dictionary<long, Found>();
        var reader = _reader ??= NewReader();
        foreach (var output in outputs)
        {
            var marks = reader.QueryWatermarkOffsets(output, timeout);
            long end = marks.High.Value, window = FirstWindow;
            while (end > marks.Low.Value)
            {
                var start = Math.Max(marks.Low.Value, end - window);
                if (ReadWindow(reader, output, start, end, input, from, found))
                {
                    break;
                }

                end = start;
                window *= 4;
            }
        }

        reader.Unassign();
        _found[input] = found;
        if (found.Count > 0)
        {
            logger.LogWarning("{Service}: {Count} input records of {Input} from offset {From} already have outputs in the log (left by a crash before their offsets were committed); they are not produced again",
                service, found.Count, input, from);
        }
    }

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

            if (RecordLineage.Of(record.Message.Headers) is { } lineage && lineage.Topic == input.Topic && lineage.Partition == input.Partition.Value)
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

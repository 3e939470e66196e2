using System.Globalization;
using System.Text.RegularExpressions;
using Confluent.Kafka;

namespace MesoStream.Infra.FlowControl;

/// <summary>
/// A consumer's position fell below the start of a partition's log, so the broker no longer holds the records it was
/// about to read: librdkafka resets the position and logs (facility OFFSET) e.g.
/// <c>voxel-ready [3]: offset reset (at offset 120 (leader epoch 0), broker 1) to offset BEGINNING …: Offset out of range</c>.
/// The lost range runs from that offset to the first offset read after the reset.
/// </summary>
public static partial class LogTruncation
{
    /// <summary>The partition and the first lost offset named by a librdkafka log line, or null if the line is not a truncation.</summary>
    public static TopicPartitionOffset? Parse(string facility, string message)
    {
        if (facility != "OFFSET" || !message.Contains("Offset out of range", StringComparison.Ordinal))
        {
            return null;
        }

        var match = ResetLine().Match(message);
        return match.Success
            ? new TopicPartitionOffset(match.Groups["topic"].Value,
                int.Parse(match.Groups["partition"].Value, CultureInfo.InvariantCulture),
                long.Parse(match.Groups["offset"].Value, CultureInfo.InvariantCulture))
            : null;
    }

    [GeneratedRegex(@"(?<topic>[^\s\[\]]+) \[(?<partition>\d+)\]: offset reset \(at offset (?<offset>\d+)")]
    private static partial Regex ResetLine();
}

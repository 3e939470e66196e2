using System.Globalization;
using System.Text;
using Confluent.Kafka;
using MesoStream.Contracts.Messaging;

namespace MesoStream.Infra.Kafka;

/// <summary>
/// Where a hop's output came from: the input record (topic, partition, offset), the output's place among that
/// record's outputs, and the consumer group that made it (two groups reading one topic write lineages that must not
/// be mistaken for each other's). Written in the <see cref="MessageHeaders.Source"/> header of every record a hop produces.
/// </summary>
public readonly record struct RecordLineage(string Topic, int Partition, long Offset, int Index, int Count, string Group)
{
    public byte[] ToHeaderValue() =>
        Encoding.UTF8.GetBytes(string.Create(CultureInfo.InvariantCulture, $"{Topic}/{Partition}/{Offset}/{Index}/{Count}/{Group}"));

    /// <summary>The lineage in <paramref name="headers"/>, or null for a record no hop produced (or a foreign header).</summary>
    public static RecordLineage? Of(Headers? headers)
    {
        if (headers?.TryGetLastBytes(MessageHeaders.Source, out var bytes) != true)
        {
            return null;
        }

        // Kafka topic names hold only [a-zA-Z0-9._-], so '/' separates unambiguously; the group id, last, may hold anything.
        var parts = Encoding.UTF8.GetString(bytes).Split('/', 6);
        var inv = CultureInfo.InvariantCulture;
        return parts.Length == 6
            && int.TryParse(parts[1], NumberStyles.None, inv, out var partition)
            && long.TryParse(parts[2], NumberStyles.None, inv, out var offset)
            && int.TryParse(parts[3], NumberStyles.None, inv, out var index)
            && int.TryParse(parts[4], NumberStyles.None, inv, out var count)
            && index < count
            ? new RecordLineage(parts[0], partition, offset, index, count, parts[5])
            : null;
    }
}

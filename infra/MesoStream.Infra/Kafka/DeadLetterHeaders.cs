using System.Globalization;
using System.Text;
using Confluent.Kafka;
using MesoStream.Contracts.Messaging;

namespace MesoStream.Infra.Kafka;

/// <summary>
/// The headers of a dead letter: the original record's headers, then why it failed (<c>mesostream.error.*</c>, the
/// fields at fault for a contract violation), where it came from (<c>mesostream.original.*</c>) and who refused it.
/// One definition for the hop and for services that dead-letter outside a hop (the predictor's model listener).
/// </summary>
public static class DeadLetterHeaders
{
    /// <summary>Error type of the record a hop writes when the broker dropped input records before they were read.</summary>
    public const string LogTruncated = "log-truncated";

    public static string ErrorTypeOf(Exception failure) => failure is InvalidMessageException ? "invalid-message" : failure.GetType().Name;

    public static Headers For(ConsumeResult<string, byte[]> record, Exception failure, string failedBy)
    {
        var headers = new Headers();
        foreach (var header in record.Message.Headers ?? [])
        {
            headers.Add(header.Key, header.GetValueBytes());
        }

        headers.Add(MessageHeaders.ErrorType, Encoding.UTF8.GetBytes(ErrorTypeOf(failure)));
        headers.Add(MessageHeaders.ErrorMessage, Encoding.UTF8.GetBytes(Truncate(failure.Message, 8000)));
        if (failure is InvalidMessageException invalid)
        {
            headers.Add(MessageHeaders.ErrorField, Encoding.UTF8.GetBytes(string.Join(",", invalid.Errors.Select(e => e.Field).Distinct())));
        }

        headers.Add(MessageHeaders.OriginalTopic, Encoding.UTF8.GetBytes(record.Topic));
        headers.Add(MessageHeaders.OriginalPartition, Encoding.UTF8.GetBytes(record.Partition.Value.ToString(CultureInfo.InvariantCulture)));
        headers.Add(MessageHeaders.OriginalOffset, Encoding.UTF8.GetBytes(record.Offset.Value.ToString(CultureInfo.InvariantCulture)));
        headers.Add(MessageHeaders.FailedBy, Encoding.UTF8.GetBytes(failedBy));
        return headers;
    }

    private static string Truncate(string s, int max) => s.Length <= max ? s : s[..max];
}

using System.Globalization;
using System.Text;
using Confluent.Kafka;
using MesoStream.Contracts.Messaging;

namespace MesoStream.Infra.Kafka;

/// <summary>
/// The headers of a dead letter: the original record's headers, then why it failed (<c>mesostream.error.*</c>, the
/// fields at fault for a contract violation), where it came from (<c>mesostream.original.*</c>) and who refused it.
/// One definition for the hop and for every loop that dead-letters outside a hop (<see cref="RecordListener"/>).
/// </summary>
public static class DeadLetterHeaders
{
    /// <summary>Error type of the record a hop writes when the broker dropped input records before they were read.</summary>
    public const string LogTruncated = "log-truncated";

    /// <summary>
    /// The failure a dead letter reports: the innermost of aggregate exceptions, and a contract violation
    /// (<see cref="InvalidMessageException"/>) wherever it is in the chain.
    /// </summary>
    public static Exception RootCause(Exception failure)
    {
        while (failure is AggregateException { InnerException: { } inner })
        {
            failure = inner;
        }

        return failure.GetBaseException() is InvalidMessageException invalid ? invalid : failure;
    }

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

    /// <summary>
    /// The headers of a <see cref="LogTruncated"/> record: offsets [<paramref name="from"/>, <paramref name="until"/>)
    /// of <paramref name="topic"/>[<paramref name="partition"/>] were removed by the broker before <paramref name="failedBy"/> read them.
    /// </summary>
    public static Headers ForLostRange(string topic, int partition, long from, long until, string message, string failedBy) =>
    [
        new Header(MessageHeaders.ErrorType, Encoding.UTF8.GetBytes(LogTruncated)),
        new Header(MessageHeaders.ErrorMessage, Encoding.UTF8.GetBytes(message)),
        new Header(MessageHeaders.OriginalTopic, Encoding.UTF8.GetBytes(topic)),
        new Header(MessageHeaders.OriginalPartition, Encoding.UTF8.GetBytes(partition.ToString(CultureInfo.InvariantCulture))),
        new Header(MessageHeaders.OriginalOffset, Encoding.UTF8.GetBytes(from.ToString(CultureInfo.InvariantCulture))),
        new Header(MessageHeaders.LostUntilOffset, Encoding.UTF8.GetBytes(until.ToString(CultureInfo.InvariantCulture))),
        new Header(MessageHeaders.FailedBy, Encoding.UTF8.GetBytes(failedBy)),
    ];

    private static string Truncate(string s, int max) => s.Length <= max ? s : s[..max];
}

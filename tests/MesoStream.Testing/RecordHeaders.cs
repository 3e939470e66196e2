using System.Text;
using Confluent.Kafka;

namespace MesoStream.Testing;

/// <summary>Reading a consumed record's headers in assertions.</summary>
public static class RecordHeaders
{
    /// <summary>The last value of header <paramref name="name"/> as UTF-8 text, or null when absent.</summary>
    public static string? HeaderText(this ConsumeResult<string, byte[]> record, string name) =>
        record.Message.Headers?.TryGetLastBytes(name, out var bytes) == true ? Encoding.UTF8.GetString(bytes) : null;
}

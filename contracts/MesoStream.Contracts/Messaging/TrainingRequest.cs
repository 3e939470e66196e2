using System.Text;
using System.Text.Json;

namespace MesoStream.Contracts.Messaging;

/// <summary>
/// The value of a training-requested record: JSON <c>{"reason": "…"}</c>. Reading is lenient on purpose: any value asks
/// for a run (its raw text becomes the reason), since a request to retrain cannot be malformed in a way that matters.
/// </summary>
public sealed record TrainingRequest(string Reason)
{
    public const string SchemaId = "mesostream.training-request/1";

    public byte[] ToJsonBytes() => JsonSerializer.SerializeToUtf8Bytes(new { reason = Reason });

    public static TrainingRequest Read(ReadOnlySpan<byte> value)
    {
        var text = Encoding.UTF8.GetString(value);
        try
        {
            using var json = JsonDocument.Parse(text);
            return new TrainingRequest(json.RootElement.ValueKind == JsonValueKind.Object && json.RootElement.TryGetProperty("reason", out var reason)
                ? reason.ToString()
                : text);
        }
        catch (JsonException)
        {
            return new TrainingRequest(text);
        }
    }
}

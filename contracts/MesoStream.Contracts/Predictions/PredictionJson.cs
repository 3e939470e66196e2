using System.Text.Json;
using System.Text.Json.Serialization;

namespace MesoStream.Contracts.Predictions;

/// <summary>
/// The JSON of a <see cref="PredictionResult"/> (schema <see cref="SchemaId"/>), shared by Kafka, HTTP and the CLI so
/// the three paths print the same bytes for the same answer. Doubles are written in their shortest round-trippable
/// form, so a reader gets back exactly the predicted values; a non-finite one is written as a string.
/// </summary>
public static class PredictionJson
{
    public const string SchemaId = "mesostream.prediction/2";

    public const string ContentType = "application/json";

    public static JsonSerializerOptions Options { get; } = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.SnakeCaseLower) },
    };

    public static byte[] Encode(PredictionResult result) => JsonSerializer.SerializeToUtf8Bytes(result, Options);

    public static PredictionResult Decode(ReadOnlySpan<byte> utf8Json) =>
        JsonSerializer.Deserialize<PredictionResult>(utf8Json, Options) ?? throw new JsonException("a prediction is JSON null");
}

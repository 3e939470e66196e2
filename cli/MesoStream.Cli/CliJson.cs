using System.Text.Json;
using System.Text.Json.Serialization;

namespace MesoStream.Cli;

/// <summary>JSON output of every verb: snake_case names, infinities written as strings so parsers never choke.</summary>
internal static class CliJson
{
    public static JsonSerializerOptions Options { get; } = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
        WriteIndented = true,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.SnakeCaseLower) },
    };
}

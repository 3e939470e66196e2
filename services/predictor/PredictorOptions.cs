using System.Globalization;
using MesoStream.Infra.Hosting;
using Microsoft.Extensions.Configuration;

namespace MesoStream.Predictor.Service;

/// <summary>The predictor's own command-line options (beyond the shared service options).</summary>
public sealed record PredictorOptions
{
    public const string DefaultUrls = "http://127.0.0.1:8080";

    public static IReadOnlyList<(string Name, string Help)> Help { get; } =
    [
        ("urls", $"URLS           HTTP addresses, ';'-separated (default {DefaultUrls}; port 0 picks a free one)"),
        ("api-key-file", "PATH   require this key on every HTTP endpoint but /health/live (Authorization: Bearer KEY or X-Api-Key: KEY)"),
        ("artifact-key-file", "PATH  serve only model artifacts signed with this key (HMAC-SHA256; the trainer's --artifact-key-file)"),
        ("max-spec-requests", $"N  HTTP requests holding specs computed at once; more answer 429 (default: {Environment.ProcessorCount}, the cores)"),
    ];

    public string Urls { get; init; } = DefaultUrls;

    /// <summary>The key HTTP callers must present; null: no authentication.</summary>
    public byte[]? ApiKey { get; init; }

    /// <summary>The key model artifacts must be signed with; null: every artifact that decodes is accepted.</summary>
    public byte[]? ArtifactKey { get; init; }

    /// <summary>Spec requests computed at once: each generates and describes structures on all cores.</summary>
    public int MaxSpecRequests { get; init; } = Environment.ProcessorCount;

    /// <summary>Reads the options; a bad value or key file throws <see cref="ArgumentException"/> naming the option.</summary>
    public static PredictorOptions From(IConfiguration config)
    {
        var specRequests = config["max-spec-requests"];
        return new PredictorOptions
        {
            Urls = config["urls"] ?? DefaultUrls,
            ApiKey = config["api-key-file"] is { } apiKeyFile ? KeyFile.Read(apiKeyFile, "api-key-file") : null,
            ArtifactKey = config["artifact-key-file"] is { } artifactKeyFile ? KeyFile.Read(artifactKeyFile, "artifact-key-file") : null,
            MaxSpecRequests = specRequests is null ? Environment.ProcessorCount
                : int.TryParse(specRequests, NumberStyles.Integer, CultureInfo.InvariantCulture, out var n) && n > 0 ? n
                : throw new ArgumentException($"--max-spec-requests must be a positive integer, got \"{specRequests}\""),
        };
    }
}

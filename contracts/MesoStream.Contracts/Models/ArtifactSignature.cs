using System.Security.Cryptography;
using MesoStream.Contracts.Messaging;

namespace MesoStream.Contracts.Models;

/// <summary>
/// Authenticity of a model artifact on model-trained: HMAC-SHA256 over the exact artifact bytes with a key the trainer
/// and the predictors share, carried in the <see cref="MessageHeaders.ArtifactSignature"/> header as
/// <c>hmac-sha256:</c> and 64 hex digits. Whoever can write to the topic but lacks the key cannot get a model served.
/// </summary>
public static class ArtifactSignature
{
    private const string Prefix = "hmac-sha256:";

    public static string Sign(ReadOnlySpan<byte> key, ReadOnlySpan<byte> artifact) =>
        Prefix + Convert.ToHexStringLower(HMACSHA256.HashData(key, artifact));

    /// <summary>Throws <see cref="InvalidMessageException"/> naming the header unless <paramref name="signature"/> signs <paramref name="artifact"/> under <paramref name="key"/>.</summary>
    public static void Verify(ReadOnlySpan<byte> key, ReadOnlySpan<byte> artifact, string? signature)
    {
        const string field = $"header {MessageHeaders.ArtifactSignature}";
        if (signature is null)
        {
            throw new InvalidMessageException(field, "is missing: this service has an artifact key (--artifact-key-file) and accepts only artifacts signed with it");
        }

        var expected = HMACSHA256.HashData(key, artifact);
        byte[] given;
        try
        {
            given = signature.StartsWith(Prefix, StringComparison.Ordinal) && signature.Length == Prefix.Length + 2 * expected.Length
                ? Convert.FromHexString(signature.AsSpan(Prefix.Length))
                : [];
        }
        catch (FormatException)
        {
            given = [];
        }

        if (given.Length == 0)
        {
            throw new InvalidMessageException(field, $"is not {Prefix} followed by {2 * expected.Length} hex digits");
        }

        if (!CryptographicOperations.FixedTimeEquals(given, expected))
        {
            throw new InvalidMessageException(field, "does not match the artifact's bytes under this service's key: signed with another key, or the artifact was altered");
        }
    }
}

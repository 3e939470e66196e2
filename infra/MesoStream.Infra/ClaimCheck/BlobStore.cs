using System.Security.Cryptography;
using MesoStream.Contracts.Messaging;

namespace MesoStream.Infra.ClaimCheck;

/// <summary>
/// A content-addressed directory of record payloads (the claim-check pattern): a payload is stored once under its
/// SHA-256 (<c>DIR/ab/abcdef….blob</c>, written to a temporary file and renamed, so a reader never sees half a file)
/// and read back only if its bytes still hash to the name, so a corrupted or truncated blob is refused, never used.
/// Every process of a pipeline must see the same directory: a local path on one machine, shared storage across several.
/// </summary>
public sealed class BlobStore
{
    private const string Prefix = "sha256:";

    public BlobStore(string directory)
    {
        Directory = Path.GetFullPath(directory);
        System.IO.Directory.CreateDirectory(Directory);
    }

    public string Directory { get; }

    /// <summary>
    /// Stores <paramref name="payload"/> and returns its reference, <c>sha256:HEX</c>. A blob already there is kept
    /// when it has the payload's length; one of another length (a file left truncated by a crashed machine) is
    /// replaced, since every later reader would otherwise refuse it.
    /// </summary>
    public string Put(byte[] payload)
    {
        var hash = Convert.ToHexStringLower(SHA256.HashData(payload));
        var path = PathOf(hash);
        var existing = new FileInfo(path);
        if (!existing.Exists || existing.Length != payload.Length)
        {
            System.IO.Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            var temporary = $"{path}.{Environment.ProcessId}.{Guid.NewGuid():N}.tmp";
            File.WriteAllBytes(temporary, payload);
            File.Move(temporary, path, overwrite: true);
        }

        return Prefix + hash;
    }

    /// <summary>
    /// Removes the payload of <paramref name="reference"/> once no record that is still to be read refers to it
    /// (the caller knows: e.g. <c>up</c> once the structure is in the dataset); a missing blob is not an error.
    /// </summary>
    public void Delete(string reference) => File.Delete(PathOf(HashOf(reference)));

    /// <summary>The payload of <paramref name="reference"/>; a reference that is malformed, missing or whose bytes do not match is a contract violation.</summary>
    public byte[] Get(string reference)
    {
        var hash = HashOf(reference);
        var path = PathOf(hash);
        if (!File.Exists(path))
        {
            throw new InvalidMessageException($"header {MessageHeaders.ClaimCheck}",
                $"the payload {reference} is not in the claim-check directory {Directory} (every service of a pipeline needs the same --claim-check-dir)");
        }

        var payload = File.ReadAllBytes(path);
        if (Convert.ToHexStringLower(SHA256.HashData(payload)) != hash)
        {
            throw new InvalidMessageException($"header {MessageHeaders.ClaimCheck}", $"the stored payload of {reference} is corrupt: its bytes no longer hash to its name");
        }

        return payload;
    }

    private static string HashOf(string reference)
    {
        if (!reference.StartsWith(Prefix, StringComparison.Ordinal) || reference.Length != Prefix.Length + 64 ||
            !reference[Prefix.Length..].All(Uri.IsHexDigit))
        {
            throw new InvalidMessageException($"header {MessageHeaders.ClaimCheck}", $"\"{Truncated(reference)}\" is not a claim check (expected sha256: and 64 hex digits)");
        }

        return reference[Prefix.Length..].ToLowerInvariant();
    }

    private string PathOf(string hash) => Path.Combine(Directory, hash[..2], hash + ".blob");

    private static string Truncated(string text) => text.Length <= 80 ? text : text[..80] + "…";
}

namespace MesoStream.Infra.Hosting;

/// <summary>
/// A shared secret given as a file (<c>--api-key-file</c>, <c>--artifact-key-file</c>), so it appears in no command
/// line, process list or shell history. The file holds one key; surrounding whitespace (a trailing newline) is not
/// part of it. A missing, unreadable or empty file is a usage error naming the option: a service started with a key
/// option must never run without the key.
/// </summary>
public static class KeyFile
{
    /// <summary>The key's UTF-8 bytes; throws <see cref="ArgumentException"/> naming <paramref name="option"/>.</summary>
    public static byte[] Read(string path, string option)
    {
        string text;
        try
        {
            text = File.ReadAllText(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            throw new ArgumentException($"--{option} {path}: cannot read the key file: {e.Message}", e);
        }

        var key = text.Trim();
        return key.Length > 0
            ? System.Text.Encoding.UTF8.GetBytes(key)
            : throw new ArgumentException($"--{option} {path}: the key file is empty; it must hold the key");
    }
}

using System.IO.Compression;
using System.Text;

namespace MesoStream.Testing;

/// <summary>Edits the JSON inside gzip bytes (a model artifact), to make the corrupt or foreign artifacts tests feed a predictor.</summary>
public static class GzipJson
{
    public static byte[] Rewrite(byte[] gzip, Func<string, string> edit)
    {
        string json;
        using (var gunzip = new GZipStream(new MemoryStream(gzip), CompressionMode.Decompress))
        using (var reader = new StreamReader(gunzip))
        {
            json = reader.ReadToEnd();
        }

        var edited = edit(json);
        if (edited == json)
        {
            throw new InvalidOperationException("the edit changed nothing: the JSON does not hold what the test meant to change");
        }

        using var buffer = new MemoryStream();
        using (var compress = new GZipStream(buffer, CompressionLevel.Fastest, leaveOpen: true))
        {
            compress.Write(Encoding.UTF8.GetBytes(edited));
        }

        return buffer.ToArray();
    }
}

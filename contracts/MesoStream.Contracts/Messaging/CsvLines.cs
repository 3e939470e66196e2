namespace MesoStream.Contracts.Messaging;

/// <summary>The rows of the plain CSV MesoStream reads (dataset files, descriptor rows): no quoting, comma-separated.</summary>
public static class CsvLines
{
    /// <summary>The cells of each non-empty line after the header, with its 1-based line number (the header is line 1).</summary>
    public static IEnumerable<(int Line, string[] Cells)> Read(TextReader reader)
    {
        var lineNumber = 1;
        for (var line = reader.ReadLine(); line is not null; line = reader.ReadLine())
        {
            lineNumber++;
            if (line.Length > 0)
            {
                yield return (lineNumber, line.Split(','));
            }
        }
    }
}

using MesoStream.Contracts.Predictions;

namespace MesoStream.Cli.Commands;

/// <summary>The inputs of an offline prediction: descriptor rows from CSV, or JSON lines of specs and/or rows.</summary>
internal static class PredictionInputFile
{
    public static IReadOnlyList<PredictionInput> Read(string path)
    {
        if (!File.Exists(path))
        {
            throw new ArgumentException($"--input {path}: no such file");
        }

        using var reader = new StreamReader(path);
        return Path.GetExtension(path).ToLowerInvariant() switch
        {
            ".csv" => DescriptorRowsCsv.Read(reader),
            ".jsonl" or ".ndjson" or ".json" => PredictionRequestJson.ParseLines(reader),
            var other => throw new ArgumentException($"--input {path}: unknown format \"{other}\"; use .csv (descriptor rows) or .jsonl (one spec or row per line)"),
        };
    }
}

using System.ComponentModel;
using System.Text.Json;
using MesoStream.Cli.Benchmarks;
using Spectre.Console;
using Spectre.Console.Cli;

namespace MesoStream.Cli.Commands;

internal sealed class BenchCodecCommand : Command<BenchCodecCommand.Settings>
{
    public sealed class Settings : CommandSettings
    {
        [CommandOption("--edges <LIST>")]
        [Description("Grid edges to measure, comma-separated.")]
        [DefaultValue("64,200")]
        public string Edges { get; init; } = "64,200";

        [CommandOption("--json")]
        [Description("Print the measurements as JSON.")]
        public bool Json { get; init; }

        public int[] ParsedEdges() => Edges.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(int.Parse).ToArray();

        public override ValidationResult Validate()
        {
            try
            {
                return ParsedEdges() is { Length: > 0 } e && e.All(x => x is >= 8 and <= 512)
                    ? ValidationResult.Success()
                    : ValidationResult.Error("--edges must list grid edges in [8, 512]");
            }
            catch (FormatException)
            {
                return ValidationResult.Error($"--edges \"{Edges}\" is not a comma-separated list of integers");
            }
        }
    }

    public override int Execute(CommandContext context, Settings settings, CancellationToken cancellationToken)
    {
        IReadOnlyList<CodecMeasurement> rows = [];
        AnsiConsole.Status().Start("generating structures and measuring…", _ => rows = CodecBenchmark.Run(settings.ParsedEdges()));
        if (settings.Json)
        {
            Console.WriteLine(JsonSerializer.Serialize(rows, CliJson.Options));
            return CliExit.Ok;
        }

        var table = new Table().AddColumns("grid", "compression", "payload", "ratio", "encode MB/s", "decode MB/s", "encode vs none", "decode vs none");
        foreach (var group in rows.GroupBy(r => r.Edge))
        {
            var none = group.Single(r => r.Compression == "none");
            foreach (var r in group)
            {
                table.AddRow($"{r.Edge}³", r.Compression, $"{r.PayloadBytes / 1024.0:F0} KiB", $"{r.CompressionRatio:F1}×",
                    $"{r.EncodeMegabytesPerSecond:F0}", $"{r.DecodeMegabytesPerSecond:F0}",
                    $"{r.EncodeMegabytesPerSecond / none.EncodeMegabytesPerSecond:F2}", $"{r.DecodeMegabytesPerSecond / none.DecodeMegabytesPerSecond:F2}");
            }
        }

        AnsiConsole.Write(table);
        AnsiConsole.MarkupLine("[grey]MB = 10⁶ voxel labels (1 byte each); structure: the generator's preset (v_AM 0.6, binder 0.075), seed 1; best of 5 after a warm-up.[/]");
        return CliExit.Ok;
    }
}

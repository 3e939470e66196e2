using System.ComponentModel;
using System.Text.Json;
using MesoStream.Infra.Benchmarks;
using Spectre.Console;
using Spectre.Console.Cli;

namespace MesoStream.Cli.Commands;

internal sealed class BenchMessagingCommand : Command<BenchMessagingCommand.Settings>
{
    public sealed class Settings : CommandSettings
    {
        [CommandOption("--small <N>")]
        [Description("Records of 1 KB.")]
        [DefaultValue(20000)]
        public int Small { get; init; }

        [CommandOption("--large <N>")]
        [Description("Records of 1 MB.")]
        [DefaultValue(100)]
        public int Large { get; init; }

        [CommandOption("--large-bytes <BYTES>")]
        [Description("Size of the large records.")]
        [DefaultValue(1024 * 1024)]
        public int LargeBytes { get; init; }

        [CommandOption("--json")]
        [Description("Print the measurements as JSON.")]
        public bool Json { get; init; }

        public override ValidationResult Validate() =>
            Small < 2 || Large < 2 ? ValidationResult.Error("--small and --large must be ≥ 2")
            : LargeBytes is < 1024 or > 32 * 1024 * 1024 ? ValidationResult.Error($"--large-bytes {LargeBytes} is out of range: allowed [1024, 33554432]")
            : ValidationResult.Success();
    }

    public override int Execute(CommandContext context, Settings settings, CancellationToken cancellationToken)
    {
        var rows = new List<MessagingMeasurement>();
        AnsiConsole.Status().Start("measuring 1 KB records…", status =>
        {
            rows.Add(MessagingBenchmark.Measure(1024, settings.Small));
            status.Status($"measuring {settings.LargeBytes}-byte records…");
            rows.Add(MessagingBenchmark.Measure(settings.LargeBytes, settings.Large));
        });

        if (settings.Json)
        {
            Console.WriteLine(JsonSerializer.Serialize(rows, CliJson.Options));
            return CliExit.Ok;
        }

        var table = new Table().AddColumns("record", "records", "baseline rec/s", "hop rec/s", "hop MB/s", "overhead µs/rec", "hop startup s");
        foreach (var r in rows)
        {
            table.AddRow($"{r.RecordBytes} B", r.Records.ToString(), r.BaselineRecordsPerSecond.ToString("F0"),
                r.HopRecordsPerSecond.ToString("F0"), r.HopMegabytesPerSecond.ToString("F1"), r.OverheadMicrosecondsPerRecord.ToString("F1"),
                r.HopStartupSeconds.ToString("F2"));
        }

        AnsiConsole.Write(table);
        AnsiConsole.MarkupLine("[grey]baseline: plain idempotent produce → consume of the same records, same broker, same run; hop: one transactional consume → produce hop (32 records per transaction).[/]");
        return CliExit.Ok;
    }
}

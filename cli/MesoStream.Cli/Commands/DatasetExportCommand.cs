using System.ComponentModel;
using MesoStream.Trainer.Dataset;
using Spectre.Console;
using Spectre.Console.Cli;

namespace MesoStream.Cli.Commands;

/// <summary>The trainer's Parquet dataset as the human CSV (the paper's column order, r_eq and mean_pore_size in µm, areas in 1/m).</summary>
internal sealed class DatasetExportCommand : AsyncCommand<DatasetExportCommand.Settings>
{
    public sealed class Settings : CommandSettings
    {
        [CommandOption("-d|--data <DIR>")]
        [Description("Trainer data directory holding dataset.parquet.")]
        public string Data { get; init; } = string.Empty;

        [CommandOption("-o|--out <FILE>")]
        [Description("CSV file to write.")]
        public string Out { get; init; } = string.Empty;

        public override ValidationResult Validate() =>
            !File.Exists(Path.Combine(Data, TrainingDataset.FileName)) ? ValidationResult.Error($"--data: no {TrainingDataset.FileName} in \"{Data}\"")
            : string.IsNullOrWhiteSpace(Out) ? ValidationResult.Error("--out is required")
            : ValidationResult.Success();
    }

    public override async Task<int> ExecuteAsync(CommandContext context, Settings settings, CancellationToken cancellationToken)
    {
        var dataset = await TrainingDataset.OpenAsync(settings.Data, cancellationToken);
        await using (var writer = new StreamWriter(settings.Out))
        {
            DatasetCsv.Write(dataset.Rows, writer);
        }

        AnsiConsole.MarkupLineInterpolated($"{dataset.Count} structures written to {settings.Out} (content hash {dataset.ContentHash()})");
        return CliExit.Ok;
    }
}

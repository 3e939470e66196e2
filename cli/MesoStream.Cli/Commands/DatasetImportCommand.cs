using System.ComponentModel;
using MesoStream.Trainer.Dataset;
using Spectre.Console;
using Spectre.Console.Cli;

namespace MesoStream.Cli.Commands;

/// <summary>
/// Folds a CSV (e.g. results computed elsewhere) into a trainer data directory: rows of ids already there are counted
/// as duplicates and left unchanged, exactly as the service's fold does. Stop the trainer first: it is the directory's
/// single writer.
/// </summary>
internal sealed class DatasetImportCommand : AsyncCommand<DatasetImportCommand.Settings>
{
    public sealed class Settings : CommandSettings
    {
        [CommandOption("-i|--input <FILE>")]
        [Description("CSV with the dataset columns (id, the 11 descriptors, the 9 properties).")]
        public string Input { get; init; } = string.Empty;

        [CommandOption("-d|--data <DIR>")]
        [Description("Trainer data directory (created when missing).")]
        public string Data { get; init; } = string.Empty;

        public override ValidationResult Validate() =>
            !File.Exists(Input) ? ValidationResult.Error($"--input: no such file \"{Input}\"")
            : string.IsNullOrWhiteSpace(Data) ? ValidationResult.Error("--data is required")
            : ValidationResult.Success();
    }

    public override async Task<int> ExecuteAsync(CommandContext context, Settings settings, CancellationToken cancellationToken)
    {
        List<DatasetRecord> rows;
        using (var reader = new StreamReader(settings.Input))
        {
            rows = DatasetCsv.Read(reader);
        }

        var dataset = await TrainingDataset.OpenAsync(settings.Data, cancellationToken);
        var (added, duplicates) = dataset.Fold(rows);
        await dataset.SaveAsync(cancellationToken);
        AnsiConsole.MarkupLineInterpolated($"{added} structures added, {duplicates} already present; {settings.Data} holds {dataset.Count}");
        return CliExit.Ok;
    }
}

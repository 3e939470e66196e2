using MesoStream.Contracts.Predictions;
using System.ComponentModel;
using System.Globalization;
using System.Text.Json;
using MesoStream.Predictor.Serving;
using MesoStream.Trainer.Dataset;
using Spectre.Console;
using Spectre.Console.Cli;

namespace MesoStream.Cli.Commands;

/// <summary>
/// Offline predictions with a model directory: the same parsing, validation, spec description and JSON as the
/// predictor service, so the same input gives the same numbers on every path.
/// </summary>
internal sealed class PredictCommand : Command<PredictCommand.Settings>
{
    public sealed class Settings : CommandSettings
    {
        [CommandOption("-m|--model <DIR>")]
        [Description("Model directory (model.json.gz), as written by `mesostream train --out DIR` or the trainer service.")]
        public string Model { get; init; } = string.Empty;

        [CommandOption("-i|--input <FILE>")]
        [Description("rows.csv (id and the 11 descriptor columns; others ignored) or specs.jsonl (one spec or descriptor row per line).")]
        public string Input { get; init; } = string.Empty;

        [CommandOption("--json")]
        [Description("Print {model_version, predictions: [[…]]} as JSON, exactly as POST /predict answers.")]
        public bool Json { get; init; }

        public override ValidationResult Validate() =>
            string.IsNullOrWhiteSpace(Model) ? ValidationResult.Error("--model is required")
            : string.IsNullOrWhiteSpace(Input) ? ValidationResult.Error("--input is required")
            : ValidationResult.Success();
    }

    private static readonly JsonSerializerOptions Indented = new(PredictionJson.Options) { WriteIndented = true };

    public override int Execute(CommandContext context, Settings settings, CancellationToken cancellationToken)
    {
        var model = ServedModel.Load(settings.Model);
        var inputs = PredictionInputFile.Read(settings.Input);
        var results = PropertyPredictor.PredictAll(model, inputs);
        if (settings.Json)
        {
            Console.WriteLine(JsonSerializer.Serialize(new PredictResponse(model.Version, results), Indented));
            return CliExit.Ok;
        }

        var table = new Table().Title($"model version {model.Version}").AddColumns("id", "input");
        foreach (var property in DatasetColumns.Properties)
        {
            table.AddColumn(property, c => c.RightAligned());
        }

        table.AddColumn("outside training ranges");
        foreach (var result in results)
        {
            table.AddRow([
                Markup.Escape(result.Id), result.Input.ToString().ToLowerInvariant(),
                .. DatasetColumns.Properties.Select(p => result.Properties.TryGetValue(p, out var v) ? v.ToString("G4", CultureInfo.InvariantCulture) : "–"),
                result.Validity.Extrapolation ? string.Join(", ", result.Validity.OutOfRange) : "–",
            ]);
        }

        AnsiConsole.Write(table);
        return CliExit.Ok;
    }
}

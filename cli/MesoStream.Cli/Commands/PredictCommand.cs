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
                .. DatasetColumns.Properties.Select(p => Cell(result, p)),
                result.Validity.Extrapolation ? string.Join(", ", result.Validity.OutOfRange) : "–",
            ]);
        }

        AnsiConsole.Write(table);
        if (results.FirstOrDefault()?.Intervals.Values.FirstOrDefault() is { } any)
        {
            AnsiConsole.MarkupLine(CultureInfo.InvariantCulture, $"[dim]each cell: prediction [[{any.Level:P0} conformal interval]]; P = probability that the pore phase percolates along τ's direction (τ = ∞ below 0.5)[/]");
        }

        return CliExit.Ok;
    }

    /// <summary>"3.21 [2.9, 3.6]", with "P 0.97" for a τ with a percolation classifier.</summary>
    private static string Cell(PredictionResult result, string property)
    {
        if (!result.Properties.TryGetValue(property, out var value))
        {
            return "–";
        }

        var culture = CultureInfo.InvariantCulture;
        var text = double.IsPositiveInfinity(value) ? "∞" : value.ToString("G4", culture);
        if (result.Intervals.TryGetValue(property, out var interval) && double.IsFinite(value))
        {
            text += string.Create(culture, $" [[{interval.Low:G3}, {interval.High:G3}]]");
        }

        if (result.Percolation.TryGetValue(property, out var p))
        {
            text += string.Create(culture, $" P {p:F2}");
        }

        return text;
    }
}

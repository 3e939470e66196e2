using System.ComponentModel;
using System.Text.Json;
using MesoStream.Descriptor.Features;
using MesoStream.Trainer.Dataset;
using MesoStream.Trainer.Workflow;
using Parquet.Serialization;
using Spectre.Console;
using Spectre.Console.Cli;

namespace MesoStream.Cli.Commands;

internal sealed class TrainCommand : AsyncCommand<TrainCommand.Settings>
{
    private static readonly string[] Targets = ["tau_x", "tau_y", "tau_z", "sigma_x", "sigma_y", "sigma_z", "a01", "a02", "a12"];

    public sealed class Settings : CommandSettings
    {
        [CommandOption("-i|--input <FILE>")]
        [Description("dataset.csv, dataset.parquet, or a trainer data directory holding dataset.parquet.")]
        public string Input { get; init; } = string.Empty;

        [CommandOption("-o|--out <DIR>")]
        [Description("Directory for metrics.json.")]
        public string Out { get; init; } = string.Empty;

        [CommandOption("--targets <LIST>")]
        [Description("Comma-separated targets (default: all nine).")]
        public string? TargetList { get; init; }

        [CommandOption("--models <LIST>")]
        [Description("Comma-separated models: linear, lasso, ridge, elasticnet, decisiontree, adaboost, gradientboosting (default: all).")]
        public string? ModelList { get; init; }

        [CommandOption("--seed <S>")]
        [Description("Seed of the split and the stochastic models.")]
        [DefaultValue(42)]
        public int Seed { get; init; }

        [CommandOption("--json")]
        [Description("Print the metrics as JSON.")]
        public bool Json { get; init; }

        public string[] ParsedTargets() => TargetList?.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries) ?? Targets;

        public ModelKind[] ParsedModels() => ModelList is null
            ? [.. ModelCatalog.All]
            : ModelList.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)
                .Select(m => Enum.TryParse<ModelKind>(m, ignoreCase: true, out var kind) ? kind
                    : throw new ArgumentException($"--models: unknown model \"{m}\"; allowed {string.Join(", ", ModelCatalog.All).ToLowerInvariant()}"))
                .ToArray();

        public override ValidationResult Validate() =>
            string.IsNullOrWhiteSpace(Input) ? ValidationResult.Error("--input is required")
            : string.IsNullOrWhiteSpace(Out) ? ValidationResult.Error("--out is required")
            : ParsedTargets().FirstOrDefault(t => !Targets.Contains(t)) is { } bad ? ValidationResult.Error($"--targets: unknown target \"{bad}\"; allowed {string.Join(", ", Targets)}")
            : ValidationResult.Success();
    }

    public override async Task<int> ExecuteAsync(CommandContext context, Settings settings, CancellationToken cancellationToken)
    {
        var rows = await LoadAsync(settings.Input, cancellationToken);
        var features = new List<double[]>();
        var usable = new List<DatasetRecord>();
        var unfeaturizable = 0;
        foreach (var row in rows)
        {
            try
            {
                features.Add(Featurizer.Featurize(row.Descriptors()));
                usable.Add(row);
            }
            catch (InvalidDescriptorException)
            {
                unfeaturizable++;
            }
        }

        if (usable.Count < 10)
        {
            throw new ArgumentException($"{settings.Input}: {usable.Count} usable rows ({unfeaturizable} with a descriptor ≤ 0); at least 10 are needed");
        }

        var options = new WorkflowOptions { Seed = settings.Seed, Threads = Environment.ProcessorCount, Models = settings.ParsedModels() };
        var matrix = features.ToArray();
        var results = new Dictionary<string, WorkflowResult>();
        AnsiConsole.Progress().Start(progress =>
        {
            var task = progress.AddTask($"training on {usable.Count} rows × {Featurizer.FeatureCount} features", maxValue: settings.ParsedTargets().Length);
            foreach (var target in settings.ParsedTargets())
            {
                var column = DatasetColumns.All.Single(c => c.Column == target);
                results[target] = TargetWorkflow.Run(matrix, Featurizer.FeatureNames, usable.Select(column.Get).ToArray(), options);
                task.Increment(1);
            }
        });

        Directory.CreateDirectory(settings.Out);
        var report = new { input = settings.Input, rows = rows.Count, unfeaturizable, seed = settings.Seed, targets = results };
        var json = JsonSerializer.Serialize(report, CliJson.Options);
        await File.WriteAllTextAsync(Path.Combine(settings.Out, "metrics.json"), json, cancellationToken);
        if (settings.Json)
        {
            Console.WriteLine(json);
            return CliExit.Ok;
        }

        var boosted = new Table().Title("gradient boosting (paper Tables 1–3)").AddColumns("target", "train R²", "test R²", "train MAE", "test MAE", "rel. err 5%", "rel. err 95%", "features kept", "rows excluded (∞ / outliers)");
        var comparison = new Table().Title("test R² of every model").AddColumn("target");
        foreach (var kind in options.Models)
        {
            comparison.AddColumn(kind.ToString());
        }

        foreach (var (target, r) in results)
        {
            if (r.Models.FirstOrDefault(m => m.Model == ModelKind.GradientBoosting) is { } gb)
            {
                var m = gb.Metrics;
                boosted.AddRow(target, $"{m.TrainR2:F3}", $"{m.TestR2:F3}", $"{m.TrainMae:G4}", $"{m.TestMae:G4}", $"{m.TestRelativeErrorP5:P1}", $"{m.TestRelativeErrorP95:P1}",
                    r.SelectedFeatures.Count.ToString(), $"{r.NonFiniteTargets} / {r.OutliersRemoved}");
            }

            comparison.AddRow([target, .. options.Models.Select(k => r.Models.Single(m => m.Model == k).Metrics.TestR2.ToString("F3"))]);
        }

        AnsiConsole.Write(boosted);
        AnsiConsole.Write(comparison);
        AnsiConsole.WriteLine($"{usable.Count} rows used ({unfeaturizable} could not be featurized); metrics in {Path.Combine(settings.Out, "metrics.json")}");
        return CliExit.Ok;
    }

    private static async Task<List<DatasetRecord>> LoadAsync(string input, CancellationToken cancellationToken)
    {
        if (Directory.Exists(input))
        {
            return [.. (await TrainingDataset.OpenAsync(input, cancellationToken)).Rows];
        }

        if (!File.Exists(input))
        {
            throw new ArgumentException($"{input}: no such file or directory");
        }

        if (input.EndsWith(".parquet", StringComparison.OrdinalIgnoreCase))
        {
            await using var stream = File.OpenRead(input);
            return [.. (await ParquetSerializer.DeserializeAsync<DatasetRecord>(stream, cancellationToken: cancellationToken)).Data];
        }

        using var reader = new StreamReader(input);
        return DatasetCsv.Read(reader);
    }
}

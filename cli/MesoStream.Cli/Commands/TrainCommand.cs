using MesoStream.Modelling.Featurization;
using MesoStream.Modelling.Serving;
using MesoStream.Contracts.Models;
using System.ComponentModel;
using MesoStream.Cli.Rendering;
using MesoStream.Trainer.Dataset;
using MesoStream.Trainer.Workflow;
using Spectre.Console;
using Spectre.Console.Cli;

namespace MesoStream.Cli.Commands;

internal sealed class TrainCommand : AsyncCommand<TrainCommand.Settings>
{
    public sealed class Settings : CommandSettings
    {
        [CommandOption("-i|--input <FILE>")]
        [Description("dataset.csv, dataset.parquet, or a trainer data directory holding dataset.parquet.")]
        public string Input { get; init; } = string.Empty;

        [CommandOption("-o|--out <DIR>")]
        [Description("Model directory: model.json.gz (the artifact a predictor loads), metrics.json and PNG figures.")]
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

        [CommandOption("--folds <K>")]
        [Description("Also score every model by K-fold cross-validation (K ≥ 2; 0 = off).")]
        [DefaultValue(0)]
        public int Folds { get; init; }

        [CommandOption("--repeats <R>")]
        [Description("Repeats of the --folds evaluation, each with its own stratified folds.")]
        [DefaultValue(3)]
        public int Repeats { get; init; }

        [CommandOption("--learning-curve <SEEDS>")]
        [Description("Measure the served model's test R² at 10/20/40/70/100 % of the rows over SEEDS split seeds (0 = off).")]
        [DefaultValue(0)]
        public int LearningCurveSeeds { get; init; }

        [CommandOption("--split-out <FILE>")]
        [Description("Write each target's train/test row ids (CSV target,id,set) for comparing other learners on the same split (docs/compare_sklearn.py).")]
        public string? SplitOut { get; init; }

        [CommandOption("--no-plots")]
        [Description("Skip the PNG figures.")]
        public bool NoPlots { get; init; }

        [CommandOption("--json")]
        [Description("Print metrics.json to stdout.")]
        public bool Json { get; init; }

        public string[] ParsedTargets() => TargetList?.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries) ?? [.. DatasetColumns.Properties];

        public IReadOnlyList<ModelKind> ParsedModels() => ModelCatalog.Parse(ModelList);

        public override ValidationResult Validate() =>
            string.IsNullOrWhiteSpace(Input) ? ValidationResult.Error("--input is required")
            : string.IsNullOrWhiteSpace(Out) ? ValidationResult.Error("--out is required")
            : Folds is 1 or < 0 ? ValidationResult.Error($"--folds must be 0 (off) or at least 2, got {Folds}")
            : ParsedTargets().FirstOrDefault(t => !DatasetColumns.Properties.Contains(t)) is { } bad ? ValidationResult.Error($"--targets: unknown target \"{bad}\"; allowed {string.Join(", ", DatasetColumns.Properties)}")
            : ValidationResult.Success();
    }

    public override async Task<int> ExecuteAsync(CommandContext context, Settings settings, CancellationToken cancellationToken)
    {
        var rows = await LoadAsync(settings.Input, cancellationToken);
        var options = new WorkflowOptions
        {
            Seed = settings.Seed,
            Threads = Environment.ProcessorCount,
            Models = settings.ParsedModels(),
            CrossValidationFolds = settings.Folds,
            CrossValidationRepeats = settings.Repeats,
            LearningCurveSeeds = settings.LearningCurveSeeds,
        };
        var targets = settings.ParsedTargets();
        TrainingOutcome outcome = null!;
        AnsiConsole.Progress().Start(progress =>
        {
            var task = progress.AddTask($"training on {rows.Count} rows × {Featurizer.FeatureCount} features", maxValue: targets.Length);
            outcome = DatasetTraining.Run(rows, targets, options, version: 1, DateTimeOffset.UtcNow,
                new Progress<string>(target => task.Description = $"{target}: {rows.Count} rows × {Featurizer.FeatureCount} features"));
            task.Value = targets.Length;
        });

        var written = ModelDirectory.Write(outcome, settings.Out, plots: !settings.NoPlots);
        if (settings.SplitOut is not null)
        {
            await File.WriteAllTextAsync(settings.SplitOut, SplitExport.Csv(outcome), cancellationToken);
        }

        if (settings.Json)
        {
            Console.WriteLine(await File.ReadAllTextAsync(Path.Combine(settings.Out, ModelDirectory.MetricsFile), cancellationToken));
            return CliExit.Ok;
        }

        MetricsTables.Write(outcome.Artifact);
        if (settings.Folds >= 2)
        {
            var folds = new Table().Title($"{settings.Repeats} × {settings.Folds}-fold stratified cross-validation: test R² mean ± sd").AddColumn("target");
            foreach (var kind in options.Models)
            {
                folds.AddColumn(kind.ToString());
            }

            foreach (var (target, training) in outcome.Targets)
            {
                folds.AddRow([target, .. training.Result.CrossValidation!.Select(s => $"{s.MeanTestR2:F3} ± {s.StdTestR2:F3}")]);
            }

            AnsiConsole.Write(folds);
        }

        AnsiConsole.WriteLine($"{outcome.Rows} rows used ({outcome.Unfeaturizable} could not be featurized); {written.Count} files in {settings.Out} (model: {ModelArtifactFile.Name}, metrics: {ModelDirectory.MetricsFile})");
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
            return await DatasetParquet.ReadAsync(stream, cancellationToken);
        }

        using var reader = new StreamReader(input);
        return DatasetCsv.Read(reader);
    }
}

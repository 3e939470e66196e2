using MesoStream.Modelling.Featurization;
using System.ComponentModel;
using System.Diagnostics;
using MesoStream.Trainer.Benchmarking;
using MesoStream.Trainer.Dataset;
using MesoStream.Trainer.Workflow;
using Spectre.Console;
using Spectre.Console.Cli;

namespace MesoStream.Cli.Commands;

/// <summary>The training workflow timed on a synthetic dataset of the paper's size (17,000 rows by default).</summary>
internal sealed class BenchTrainerCommand : Command<BenchTrainerCommand.Settings>
{
    public sealed class Settings : CommandSettings
    {
        [CommandOption("--rows <N>")]
        [Description("Synthetic rows (the paper's dataset has 17,000).")]
        [DefaultValue(17000)]
        public int Rows { get; init; }

        [CommandOption("--targets <LIST>")]
        [Description("Comma-separated targets (default: all nine).")]
        public string? TargetList { get; init; }

        [CommandOption("--models <LIST>")]
        [Description("Comma-separated models (default: all seven).")]
        public string? ModelList { get; init; }

        [CommandOption("--seed <S>")]
        [DefaultValue(1)]
        public int Seed { get; init; }

        [CommandOption("--csv <PATH>")]
        [Description("Also write the synthetic dataset as CSV (to rerun it with `mesostream train`).")]
        public string? Csv { get; init; }

        public override ValidationResult Validate() =>
            Rows < DatasetTraining.MinimumRows ? ValidationResult.Error($"--rows must be at least {DatasetTraining.MinimumRows}") : ValidationResult.Success();
    }

    public override int Execute(CommandContext context, Settings settings, CancellationToken cancellationToken)
    {
        var records = SyntheticDataset.Create(settings.Rows, settings.Seed);
        if (settings.Csv is not null)
        {
            using var writer = new StreamWriter(settings.Csv);
            DatasetCsv.Write(records, writer);
        }

        var targets = settings.TargetList?.Split(',', StringSplitOptions.TrimEntries) ?? [.. DatasetColumns.Properties];
        var models = ModelCatalog.Parse(settings.ModelList);
        var options = new WorkflowOptions { Seed = settings.Seed, Threads = Environment.ProcessorCount, Models = models };

        var clock = Stopwatch.StartNew();
        TrainingOutcome outcome = null!;
        AnsiConsole.Progress().Start(progress =>
        {
            var task = progress.AddTask($"{settings.Rows} synthetic rows × {Featurizer.FeatureCount} features", maxValue: targets.Length);
            outcome = DatasetTraining.Run(records, targets, options, 1, DateTimeOffset.UtcNow, new Progress<string>(t =>
            {
                task.Description = $"{t}: {settings.Rows} rows";
                task.Value = Array.IndexOf(targets, t);
            }));
            task.Value = targets.Length;
        });
        double total = clock.Elapsed.TotalSeconds;

        var table = new Table().Title("training seconds per model (test R²)").AddColumns("target", "features kept", "filter s");
        foreach (var kind in models)
        {
            table.AddColumn(kind.ToString());
        }

        foreach (var (target, training) in outcome.Targets)
        {
            var r = training.Result;
            table.AddRow([target, r.SelectedFeatures.Count.ToString(), $"{r.FilterSeconds:F1}",
                .. r.Models.Select(m => $"{m.TrainSeconds:F1} ({m.Metrics.TestR2:F3})")]);
        }

        AnsiConsole.Write(table);
        AnsiConsole.MarkupLine($"[bold]{targets.Length} targets × {models.Count} models on {settings.Rows} rows: {total:F0} s in all[/] " +
            $"(featurizing, filtering, fitting and predicting; {Environment.ProcessorCount} cores). Synthetic closed-form properties (SyntheticDataset), seed {settings.Seed}.");
        return CliExit.Ok;
    }
}

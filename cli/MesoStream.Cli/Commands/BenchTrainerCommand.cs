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

        [CommandOption("--refit <N>")]
        [Description("Then add N rows and time the trainer service's cheap retraining: the served models refitted with the comparison's choices, nothing compared (0: skip).")]
        [DefaultValue(50)]
        public int RefitRows { get; init; }

        [CommandOption("--csv <PATH>")]
        [Description("Also write the synthetic dataset as CSV (to rerun it with `mesostream train`).")]
        public string? Csv { get; init; }

        public override ValidationResult Validate() =>
            Rows < DatasetTraining.MinimumRows ? ValidationResult.Error($"--rows must be at least {DatasetTraining.MinimumRows}")
            : RefitRows < 0 ? ValidationResult.Error("--refit must be ≥ 0")
            : ValidationResult.Success();
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
            $"(featurizing, filtering, inner cross-validation, fitting and predicting; {Environment.ProcessorCount} cores). Synthetic closed-form properties (SyntheticDataset), seed {settings.Seed}.");
        if (settings.RefitRows > 0)
        {
            Refit(settings, outcome, options);
        }

        return CliExit.Ok;
    }

    /// <summary>The same generator with more rows starts with the same rows, so this is the dataset grown by N.</summary>
    private static void Refit(Settings settings, TrainingOutcome compared, WorkflowOptions options)
    {
        int rows = settings.Rows + settings.RefitRows;
        var grown = SyntheticDataset.Create(rows, settings.Seed);
        var clock = Stopwatch.StartNew();
        var refit = AnsiConsole.Status().Start($"refitting the served models on {rows} rows", _ =>
            DatasetTraining.Refit(grown, compared.Artifact, options, 2, DateTimeOffset.UtcNow));
        double seconds = clock.Elapsed.TotalSeconds;
        var table = new Table().Title($"refit on {rows} rows (no comparison)").AddColumns("target", "served", "settings", "fit s", "test R²", "coverage");
        foreach (var (target, training) in refit.Targets)
        {
            var served = training.Result.Models.Single();
            table.AddRow(target, served.Model.ToString(), Markup.Escape(served.Settings ?? string.Empty), $"{served.TrainSeconds:F1}",
                $"{served.Metrics.TestR2:F3}", $"{training.Result.Coverage?.TestCoverage:P1}");
        }

        AnsiConsole.Write(table);
        AnsiConsole.MarkupLine($"[bold]refit of the {refit.Targets.Count} served models on {rows} rows: {seconds:F0} s[/] (each: one inner k-fold of the served model for its tree count and interval, then the fit on every training row).");
    }
}

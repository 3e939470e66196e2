using System.ComponentModel;
using System.Globalization;
using System.Text.Json;
using MesoStream.Cli.Benchmarks;
using MesoStream.Cli.Report;
using MesoStream.Contracts.Vocabulary;
using MesoStream.Generator;
using MesoStream.Planner;
using Spectre.Console;
using Spectre.Console.Cli;

namespace MesoStream.Cli.Commands;

/// <summary>
/// Active learning against Sobol at the same budget on the same held-out test set, several seeds
/// (<see cref="ActiveLearningBenchmark"/>): prints R² and RMSE of τ and σ against structures simulated for both, and
/// how many structures active learning needed to reach the R² Sobol reached at the full budget.
/// </summary>
internal sealed class BenchActiveCommand : Command<BenchActiveCommand.Settings>
{
    public sealed class Settings : CommandSettings
    {
        [CommandOption("--initial <N0>")]
        [Description("Structures of the space-filling start both arms share (the first N0 of each seed's Sobol campaign).")]
        [DefaultValue(100)]
        public int Initial { get; init; }

        [CommandOption("--batch <B>")]
        [Description("Structures the planner proposes per round.")]
        [DefaultValue(50)]
        public int Batch { get; init; }

        [CommandOption("-n|--structures <N>")]
        [Description("The budget: structures each arm simulates in all.")]
        [DefaultValue(400)]
        public int Structures { get; init; }

        [CommandOption("--test <T>")]
        [Description("Held-out Sobol test structures, simulated once and shared by every arm and seed.")]
        [DefaultValue(500)]
        public int Test { get; init; }

        [CommandOption("--seeds <LIST>")]
        [Description("Campaign seeds, comma-separated: each gives one Sobol arm and one active arm.")]
        [DefaultValue("1,2,3")]
        public string Seeds { get; init; } = "1,2,3";

        [CommandOption("--preset <NAME>")]
        [Description("fast (64³), study (128³) or paper (200³).")]
        [DefaultValue("fast")]
        public string Preset { get; init; } = "fast";

        [CommandOption("--pool <N>")]
        [Description("Sobol candidates the planner draws per round.")]
        [DefaultValue(PlannerSettings.DefaultPoolSize)]
        public int Pool { get; init; }

        [CommandOption("--shortlist <LIST>")]
        [Description("A batch is spread (max-min) over the K × batch most uncertain candidates; several K, comma-separated, run one active arm each against the same Sobol arms (1 = the top scores alone).")]
        [DefaultValue("16")]
        public string Shortlist { get; init; } = "16";

        [CommandOption("--evaluate-every <N>")]
        [Description("Train and score each arm's model every N structures (and at the budget).")]
        [DefaultValue(50)]
        public int EvaluateEvery { get; init; }

        [CommandOption("-o|--out <DIR>")]
        [Description("Writes curves.csv and one learning-curve PNG per target group (learning-curves-tau.png, learning-curves-sigma.png) here.")]
        public string? Out { get; init; }

        [CommandOption("--json")]
        [Description("Print every curve point and the summary as JSON.")]
        public bool Json { get; init; }

        public override ValidationResult Validate() =>
            Initial < Trainer.Workflow.DatasetTraining.MinimumRows * 2 ? ValidationResult.Error($"--initial must be at least {Trainer.Workflow.DatasetTraining.MinimumRows * 2}")
            : Structures <= Initial || Structures > 100_000 ? ValidationResult.Error("--structures must lie in (--initial, 100000]")
            : Batch < 1 || Batch > Structures - Initial ? ValidationResult.Error("--batch must lie in [1, --structures − --initial]")
            : Test is < 20 or > 100_000 ? ValidationResult.Error("--test must lie in [20, 100000]")
            : EvaluateEvery < 1 || EvaluateEvery % Batch != 0 ? ValidationResult.Error("--evaluate-every must be a positive multiple of --batch (the active arms are scored after whole batches)")
            : ParseShortlist() is not { } shortlist ? ValidationResult.Error("--shortlist must be distinct integers in [1, 1000], comma-separated")
            : Pool < Batch * shortlist.Max() || Pool > 1_000_000 ? ValidationResult.Error("--pool must lie in [batch × the largest shortlist factor, 1000000]")
            : CliChoices.Preset.Validate(Preset) is { Successful: false } preset ? preset
            : ParseSeeds() is null ? ValidationResult.Error($"--seeds must be distinct integers in [0, {Contracts.Specs.SpecLimits.MaxSeed}], comma-separated")
            : ValidationResult.Success();

        public int[]? ParseShortlist() =>
            DistinctList<int>(Shortlist, p => int.TryParse(p, NumberStyles.Integer, CultureInfo.InvariantCulture, out var k) && k is >= 1 and <= 1000 ? k : (int?)null);

        public long[]? ParseSeeds() =>
            DistinctList<long>(Seeds, p => long.TryParse(p, NumberStyles.Integer, CultureInfo.InvariantCulture, out var s) && s is >= 0 and <= Contracts.Specs.SpecLimits.MaxSeed ? s : (long?)null);

        /// <summary>A comma-separated list of distinct values, each parsed by <paramref name="parse"/>; null when one does not parse, repeats, or the list is empty.</summary>
        private static T[]? DistinctList<T>(string text, Func<string, T?> parse)
            where T : struct
        {
            var values = text.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries).Select(parse).ToArray();
            return values.Length > 0 && values.All(v => v.HasValue) && values.Distinct().Count() == values.Length ? [.. values.Select(v => v!.Value)] : null;
        }
    }

    public override int Execute(CommandContext context, Settings settings, CancellationToken cancellationToken)
    {
        var bench = new ActiveBenchSettings(settings.Initial, settings.Batch, settings.Structures, settings.Test, settings.ParseSeeds()!,
            GeneratorPresets.Grid(CliChoices.Preset.Parse(settings.Preset)))
        {
            PoolSize = settings.Pool,
            ShortlistFactors = settings.ParseShortlist()!,
            EvaluateEvery = settings.EvaluateEvery,
        };
        var clock = System.Diagnostics.Stopwatch.StartNew();
        var benchmark = new ActiveLearningBenchmark(bench, line => Console.Error.WriteLine($"[{clock.Elapsed:hh\\:mm\\:ss}] {line}"));
        var points = benchmark.Run(cancellationToken);
        var curves = ActiveBenchCurves.From(points, bench.Targets);
        var summary = curves.Summary(bench.Budget);

        if (settings.Out is { } directory)
        {
            Directory.CreateDirectory(directory);
            File.WriteAllLines(Path.Combine(directory, "curves.csv"), curves.Csv());
            foreach (var (file, plot) in curves.Plots())
            {
                FigureStyle.Save(plot, directory, file, "active vs Sobol");
            }
        }

        var timing = new
        {
            Simulations = benchmark.Simulations,
            SimulationSeconds = benchmark.SimulationTime.TotalSeconds,
            TrainingSeconds = benchmark.TrainingTime.TotalSeconds,
            PlanningSeconds = benchmark.PlanningTime.TotalSeconds,
            TotalSeconds = clock.Elapsed.TotalSeconds,
        };
        if (settings.Json)
        {
            Console.WriteLine(JsonSerializer.Serialize(new { Settings = bench, Points = points, Summary = summary, Timing = timing }, CliJson.Options));
            return CliExit.Ok;
        }

        AnsiConsole.Write(curves.Table());
        foreach (var line in summary)
        {
            var reaches = line.ActiveReaches is { } n ? $"{n} structures ({(double)n / bench.Budget:P0} of the budget)" : "no checkpoint";
            AnsiConsole.MarkupLineInterpolated($"[bold]{line.Group}[/]: Sobol at {bench.Budget} structures reaches mean R² {line.SobolAtBudget:F3}; {line.Arm} reaches it at {reaches}; {line.Arm} at {bench.Budget}: {line.ActiveAtBudget:F3}");
        }

        var seeds = string.Join(",", bench.Seeds);
        AnsiConsole.MarkupLineInterpolated($"[grey]{timing.Simulations} structures simulated in {timing.SimulationSeconds:F0} s, models trained and scored in {timing.TrainingSeconds:F0} s, batches planned in {timing.PlanningSeconds:F1} s; {timing.TotalSeconds:F0} s in all on {Environment.ProcessorCount} cores. R² and RMSE over the {bench.TestSize} held-out Sobol structures whose value is finite; mean ± sd over seeds {seeds}.[/]");
        return CliExit.Ok;
    }
}

using MesoStream.Contracts.Predictions;
using MesoStream.Cli.Rendering;
using System.ComponentModel;
using System.Globalization;
using System.Text.Json;
using MesoStream.Contracts.Specs;
using MesoStream.Generator.Campaigns;
using MesoStream.Predictor.Screening;
using Spectre.Console;
using Spectre.Console.Cli;

namespace MesoStream.Cli.Commands;

/// <summary>
/// Virtual screening (paper Fig. 6c): samples N candidate designs over the paper's ranges, predicts each from its
/// generated structure's descriptors (no solver) and prints the Pareto front of tortuosity vs conductivity, with a PNG.
/// </summary>
internal sealed class ScreenCommand : Command<ScreenCommand.Settings>
{
    public sealed class Settings : CommandSettings
    {
        [CommandOption("-m|--model <DIR>")]
        [Description("Model directory (model.json.gz).")]
        public string Model { get; init; } = string.Empty;

        [CommandOption("-n|--count <N>")]
        [Description("Candidate designs to score.")]
        [DefaultValue(64)]
        public int Count { get; init; }

        [CommandOption("--design <DESIGN>")]
        [Description("sobol, lhs or random: how the candidates spread over the paper's parameter ranges.")]
        [DefaultValue("sobol")]
        public string Design { get; init; } = "sobol";

        [CommandOption("--seed <S>")]
        [Description("Seed of the candidate sample: the same seed screens the same designs.")]
        [DefaultValue(1L)]
        public long Seed { get; init; }

        [CommandOption("--edge <N>")]
        [Description("Grid edge in voxels of 1 µm: each candidate is generated on an N³ grid.")]
        [DefaultValue(64)]
        public int Edge { get; init; }

        [CommandOption("--direction <D>")]
        [Description("x, y, z, or mean: the τ and σ compared.")]
        [DefaultValue("mean")]
        public string Direction { get; init; } = "mean";

        [CommandOption("-o|--out <DIR>")]
        [Description("Where pareto.png goes.")]
        [DefaultValue("screen")]
        public string Out { get; init; } = "screen";

        [CommandOption("--json")]
        [Description("Print the front (ids, τ, σ, specs) as JSON.")]
        public bool Json { get; init; }

        public SamplingDesign ParsedDesign() => CliChoices.Design.Parse(Design);

        public TransportDirection ParsedDirection() => Enum.Parse<TransportDirection>(Direction, ignoreCase: true);

        public override ValidationResult Validate() =>
            string.IsNullOrWhiteSpace(Model) ? ValidationResult.Error("--model is required")
            : Count is < 1 or > 100_000 ? ValidationResult.Error($"--count {Count} is out of range: allowed [1, 100000]")
            : CliChoices.Design.Validate(Design) is { Successful: false } design ? design
            : Direction is not ("x" or "y" or "z" or "mean") ? ValidationResult.Error($"--direction \"{Direction}\" is unknown: allowed x, y, z, mean")
            : Edge is < SpecLimits.MinGridEdge or > 200 ? ValidationResult.Error($"--edge {Edge} is out of range: allowed [{SpecLimits.MinGridEdge}, 200]")
            : base.Validate();
    }

    private static readonly JsonSerializerOptions Indented = new(PredictionJson.Options) { WriteIndented = true };

    public override int Execute(CommandContext context, Settings settings, CancellationToken cancellationToken)
    {
        var model = ServedModel.Load(settings.Model);
        var candidates = CampaignSampler.Sample(settings.Count, settings.Seed, settings.ParsedDesign(),
            new GridSpec(settings.Edge, settings.Edge, settings.Edge, 1.0), $"screen-{settings.Design}-{settings.Seed}");
        ScreeningOutcome outcome = null!;
        var clock = System.Diagnostics.Stopwatch.StartNew();
        AnsiConsole.Progress().Start(progress =>
        {
            var task = progress.AddTask($"generating, describing and predicting {settings.Count} designs at {settings.Edge}³", maxValue: settings.Count);
            outcome = CandidateScreening.Run(model, candidates, settings.ParsedDirection(), new Progress<int>(done => task.Value = done));
            task.Value = settings.Count;
        });

        Directory.CreateDirectory(settings.Out);
        var plot = Path.Combine(settings.Out, "pareto.png");
        ScreeningPlot.Write(outcome.Points, outcome.Front, plot,
            $"{settings.Count} {settings.Design} designs at {settings.Edge}³, τ/σ {settings.Direction}, model v{model.Version}");
        var specs = outcome.Candidates.ToDictionary(c => c.Id);
        var predictions = outcome.Predictions.ToDictionary(p => p.Id);
        if (settings.Json)
        {
            Console.WriteLine(JsonSerializer.Serialize(new
            {
                ModelVersion = model.Version,
                Candidates = settings.Count,
                settings.Direction,
                Plot = plot,
                Front = outcome.Front.Select(p => new { p.Id, p.Tortuosity, p.Conductivity, predictions[p.Id].Validity, Spec = JsonDocument.Parse(specs[p.Id].ToJson()).RootElement }),
            }, Indented));
            return CliExit.Ok;
        }

        var table = new Table().Title($"Pareto front: {outcome.Front.Count} of {settings.Count} designs (low τ, high σ; {settings.Direction})")
            .AddColumns("id", "τ", "σ", "AM fraction (spec)", "binder", "ω", "axes µm", "a1", "a2", "extrapolation");
        foreach (var point in outcome.Front)
        {
            var spec = specs[point.Id];
            var am = spec.ActiveMaterial;
            table.AddRow(point.Id, F(point.Tortuosity), F(point.Conductivity), F(am.VolumeFraction), F(spec.Binder.VolumeFraction), F(spec.Binder.Omega),
                $"{F(am.AxesUm.A)}×{F(am.AxesUm.B)}×{F(am.AxesUm.C)}", F(am.A1), F(am.A2), predictions[point.Id].Validity.Extrapolation ? "yes" : "–");
        }

        AnsiConsole.Write(table);
        AnsiConsole.WriteLine($"{settings.Count} designs in {clock.Elapsed.TotalSeconds:F1} s; plot: {plot}");
        return CliExit.Ok;
    }

    private static string F(double value) => value.ToString("G3", CultureInfo.InvariantCulture);
}

using System.ComponentModel;
using System.Text.Json;
using MesoStream.Cli.Pipeline;
using MesoStream.Contracts;
using MesoStream.Contracts.Specs;
using MesoStream.Generator;
using MesoStream.Generator.Campaigns;
using MesoStream.Infra.FlowControl;
using MesoStream.Infra.Telemetry;
using Spectre.Console;
using Spectre.Console.Cli;

namespace MesoStream.Cli.Commands;

internal sealed class CampaignSubmitCommand : Command<CampaignSubmitCommand.Settings>
{
    public sealed class Settings : KafkaSettings
    {
        [CommandOption("-n|--count <N>")]
        [Description("Number of specs to submit.")]
        [DefaultValue(16)]
        public int Count { get; init; }

        [CommandOption("--design <DESIGN>")]
        [Description("sobol, lhs or random: how the paper's ranges are sampled.")]
        [DefaultValue("sobol")]
        public string Design { get; init; } = "sobol";

        [CommandOption("--seed <S>")]
        [Description("Campaign seed: the same seed gives the same specs (and ids).")]
        [DefaultValue(1L)]
        public long Seed { get; init; }

        [CommandOption("--preset <NAME>")]
        [Description("Grid: fast (64³ at 1 µm) or paper (200³ at 1 µm).")]
        [DefaultValue("fast")]
        public string Preset { get; init; } = "fast";

        [CommandOption("--max-backlog-records <N>")]
        [Description("Specs allowed ahead of the generator per partition; the command waits for the generator beyond that (flow control).")]
        [DefaultValue(FlowControlOptions.DefaultMaxBacklogRecords)]
        public int MaxBacklogRecords { get; init; }

        [CommandOption("--campaign <NAME>")]
        [Description("Campaign label carried by every spec (default: design-seed).")]
        public string? Campaign { get; init; }

        [CommandOption("--json")]
        [Description("Print the submitted specs' ids as JSON.")]
        public bool Json { get; init; }

        public override ValidationResult Validate() =>
            Count is < 1 or > 1_000_000 ? ValidationResult.Error($"--count {Count} is out of range: allowed [1, 1000000]")
            : CliChoices.Design.Validate(Design) is { Successful: false } design ? design
            : CliChoices.Preset.Validate(Preset) is { Successful: false } preset ? preset
            : Seed is < 0 or > SpecLimits.MaxSeed ? ValidationResult.Error($"--seed must lie in [0, {SpecLimits.MaxSeed}]")
            : MaxBacklogRecords is < 1 or > 10_000_000 ? ValidationResult.Error("--max-backlog-records must lie in [1, 10000000]")
            : base.Validate();
    }

    public override int Execute(CommandContext context, Settings settings, CancellationToken cancellationToken)
    {
        var grid = GeneratorPresets.Grid(CliChoices.Preset.Parse(settings.Preset));
        var campaign = settings.Campaign ?? $"{settings.Design}-{settings.Seed}";
        var specs = CampaignSampler.Sample(settings.Count, settings.Seed, CliChoices.Design.Parse(settings.Design), grid, campaign);

        // One trace per campaign: every spec is sent under this span (to OTLP or MESOSTREAM_TRACE_FILE when set).
        using var tracing = TelemetrySetup.StartTracing("cli", TelemetryOptions.FromEnvironment());
        using var telemetry = new ServiceTelemetry("cli");
        using (var span = KafkaTracing.StartCampaign(telemetry.Source, campaign, specs.Count))
        {
            AnsiConsole.Progress().Start(progress =>
            {
                var title = $"submitting {specs.Count} specs to {Topics.StructureSpec}";
                var task = progress.AddTask(title, maxValue: specs.Count);
                var flow = new FlowControlOptions { MaxBacklogRecords = settings.MaxBacklogRecords }.Validated();
                SpecSubmission.Publish(settings.Connection(), telemetry, $"mesostream-cli/{Environment.MachineName}", flow, span?.Context ?? default, specs, (submitted, waiting) =>
                {
                    task.Value = submitted;
                    task.Description = waiting ? $"{title} (waiting for the generator: its backlog is at the bound)" : title;
                }, cancellationToken);
            });
        }

        if (settings.Json)
        {
            Console.WriteLine(JsonSerializer.Serialize(new { campaign, submitted = specs.Count, ids = specs.Select(s => s.Id) }, CliJson.Options));
        }
        else
        {
            AnsiConsole.WriteLine($"submitted {specs.Count} specs of campaign {campaign} ({settings.Design}, seed {settings.Seed}, {grid.Nx}³) to {Topics.StructureSpec}");
        }

        return CliExit.Ok;
    }
}

using MesoStream.Contracts.Models;
using System.ComponentModel;
using System.Diagnostics;
using System.Runtime.InteropServices;
using MesoStream.Cli.Pipeline;
using MesoStream.Cli.Report;
using MesoStream.Contracts.Specs;
using MesoStream.Generator.Campaigns;
using MesoStream.Infra.Broker;
using MesoStream.Infra.FlowControl;
using MesoStream.Infra.Kafka;
using MesoStream.Infra.Telemetry;
using MesoStream.Trainer.Service;
using Spectre.Console;
using Spectre.Console.Cli;

namespace MesoStream.Cli.Commands;

/// <summary>
/// The whole pipeline in one command: the embedded broker (unless --bootstrap), the five services as separate
/// processes (K solver replicas in one consumer group), a campaign of N specs, live progress per stage, training once
/// the dataset is complete, one prediction of a new design through the predictor service, the study report, and every
/// process stopped at the end (also on Ctrl+C). Composed of named parts: <see cref="UpCampaign"/> (the specs, resume,
/// submission under the campaign's span), <see cref="UpFleet"/> (the service processes, typed options),
/// <see cref="UpTracker"/> (progress, stalls, the model, the prediction) and <see cref="UpReport"/>.
/// </summary>
internal sealed class UpCommand : AsyncCommand<UpCommand.Settings>
{
    /// <summary>Split seeds per point of the report's learning curve (the final training measures it; see the trainer's --learning-curve).</summary>
    private const int ReportLearningCurveSeeds = 3;

    public sealed class Settings : CommandSettings
    {
        [CommandOption("-n|--structures <N>")]
        [Description("Structures in the campaign.")]
        [DefaultValue(200)]
        public int Structures { get; init; }

        [CommandOption("--preset <NAME>")]
        [Description("fast (64³ voxels), study (128³, the representative volume of `bench rve`) or paper (200³).")]
        [DefaultValue("fast")]
        public string Preset { get; init; } = "fast";

        [CommandOption("--replicates <K>")]
        [Description("Generate about a fifth of the structures as K seeds of the same designs, so the report can state the noise ceiling: the best R² any model could reach (1: no replicates).")]
        [DefaultValue(1)]
        public int Replicates { get; init; }

        [CommandOption("--design <NAME>")]
        [Description("sobol: the whole campaign is one Sobol design; active: --initial Sobol structures, then batches the planner service proposes where the model is least sure, until --structures.")]
        [DefaultValue("sobol")]
        public string Design { get; init; } = "sobol";

        [CommandOption("--initial <N0>")]
        [Description("With --design active: the space-filling start (default: a quarter of --structures, at least 20).")]
        public int? Initial { get; init; }

        [CommandOption("--batch <B>")]
        [Description("With --design active: structures the planner proposes per model version (default 50, at most what --structures leaves after --initial).")]
        public int? Batch { get; init; }

        [CommandOption("--solvers <K>")]
        [Description("Solver processes sharing the voxel-ready partitions.")]
        [DefaultValue(1)]
        public int Solvers { get; init; }

        [CommandOption("--seed <S>")]
        [Description("Seed of the Sobol campaign (and so of every structure).")]
        [DefaultValue(1L)]
        public long Seed { get; init; }

        [CommandOption("-b|--bootstrap <SERVERS>")]
        [Description("A real Kafka to use instead of the embedded broker (its topics must exist: `mesostream topics create`).")]
        public string? Bootstrap { get; init; }

        [CommandOption("--json")]
        [Description("Print the run's summary as JSON (progress goes to stderr).")]
        public bool Json { get; init; }

        [CommandOption("--stall-timeout <SECONDS>")]
        [Description("If no structure reaches a new stage for this long, the missing ones are reported and resubmitted.")]
        [DefaultValue(180)]
        public int StallTimeout { get; init; }

        [CommandOption("--max-submissions <N>")]
        [Description("Submissions of a structure before the campaign gives up on it (exit code 1, naming the stage).")]
        [DefaultValue(3)]
        public int MaxSubmissions { get; init; }

        [CommandOption("--training-timeout <MINUTES>")]
        [Description("How long to wait for the model once the campaign is complete (the tuned model comparison grows with the rows: see the README, \"Learning τ\").")]
        [DefaultValue(60)]
        public int TrainingTimeout { get; init; }

        [CommandOption("--max-backlog-bytes <BYTES>")]
        [Description("Flow control: unconsumed bytes allowed per partition ahead of each stage (default from the embedded broker's 5 MiB retention).")]
        [DefaultValue(FlowControlOptions.DefaultMaxBacklogBytes)]
        public long MaxBacklogBytes { get; init; }

        [CommandOption("--max-backlog-records <N>")]
        [Description("Flow control: unconsumed records allowed per partition ahead of each stage.")]
        [DefaultValue(FlowControlOptions.DefaultMaxBacklogRecords)]
        public int MaxBacklogRecords { get; init; }

        /// <summary>The campaign these settings describe (validated: the preset is known).</summary>
        public UpCampaign Campaign() => new(Structures, Seed, CliChoices.Preset.Parse(Preset), MaxSubmissions, Replicates)
        {
            Active = CliChoices.UpDesign.Parse(Design) == UpDesign.Active ? ActiveDesign.Of(Structures, Initial, Batch) : null,
        };

        public FlowControlOptions FlowControl() => new FlowControlOptions { MaxBacklogBytes = MaxBacklogBytes, MaxBacklogRecords = MaxBacklogRecords }.Validated();

        [CommandOption("-o|--out <DIR>")]
        [Description("Run directory: logs/, traces/, trainer-data/ and report/ (default runs/up-TIMESTAMP).")]
        public string? Out { get; init; }

        public override ValidationResult Validate() =>
            Structures is < DatasetTrainingMinimum or > 100_000 ? ValidationResult.Error($"--structures must lie in [{DatasetTrainingMinimum}, 100000]")
            : CliChoices.Preset.Validate(Preset) is { Successful: false } preset ? preset
            : Solvers is < 1 or > 16 ? ValidationResult.Error("--solvers must lie in [1, 16]")
            : Replicates is < 1 or > 10 ? ValidationResult.Error("--replicates must lie in [1, 10]")
            : CliChoices.UpDesign.Validate(Design) is { Successful: false } design ? design
            : CliChoices.UpDesign.Parse(Design) == UpDesign.Active && ActiveDesign.Problem(Structures, Initial, Batch, Replicates) is { } active ? ValidationResult.Error(active)
            : CliChoices.UpDesign.Parse(Design) == UpDesign.Sobol && (Initial ?? Batch) is not null ? ValidationResult.Error("--initial and --batch apply to --design active only")
            : Replicates > 1 && Structures < 4 * Replicates * 2 ? ValidationResult.Error($"--replicates {Replicates} needs at least {8 * Replicates} structures (two designs of {Replicates} seeds within a fifth of them)")
            : Seed is < 0 or > SpecLimits.MaxSeed ? ValidationResult.Error($"--seed must lie in [0, {SpecLimits.MaxSeed}]")
            : StallTimeout is < 5 or > 86_400 ? ValidationResult.Error("--stall-timeout must lie in [5, 86400] seconds")
            : MaxSubmissions is < 1 or > 100 ? ValidationResult.Error("--max-submissions must lie in [1, 100]")
            : TrainingTimeout is < 1 or > 1440 ? ValidationResult.Error("--training-timeout must lie in [1, 1440] minutes")
            : MaxBacklogBytes is < 1024 or > 1L << 40 ? ValidationResult.Error($"--max-backlog-bytes must lie in [1024, {1L << 40}]")
            : MaxBacklogRecords is < 1 or > 10_000_000 ? ValidationResult.Error("--max-backlog-records must lie in [1, 10000000]")
            : ValidationResult.Success();

        private const int DatasetTrainingMinimum = Trainer.Workflow.DatasetTraining.MinimumRows;
    }

    public override async Task<int> ExecuteAsync(CommandContext context, Settings settings, CancellationToken cancellationToken)
    {
        var total = Stopwatch.StartNew();
        var runDirectory = Path.GetFullPath(settings.Out ?? Path.Combine("runs", $"up-{DateTime.Now:yyyyMMdd-HHmmss}"));
        Directory.CreateDirectory(runDirectory);
        using var interrupted = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        using var sigint = PosixSignalRegistration.Create(PosixSignal.SIGINT, c => { c.Cancel = true; interrupted.Cancel(); });
        using var sigterm = PosixSignalRegistration.Create(PosixSignal.SIGTERM, c => { c.Cancel = true; interrupted.Cancel(); });
        var stop = interrupted.Token;

        // Campaign: the specs, and what the run directory already holds of them.
        var campaign = settings.Campaign();
        var specs = campaign.Specs();
        var trainerData = Path.Combine(runDirectory, "trainer-data");
        var tracker = await campaign.ResumeOrStartAsync(specs, runDirectory, trainerData);
        var alreadyDescribed = tracker.Reached(CampaignStage.Described);

        using var broker = settings.Bootstrap is null ? EmbeddedKafkaBroker.Start() : null;
        var bootstrap = settings.Bootstrap ?? broker!.BootstrapServers;
        var fleetPlan = new UpFleet(bootstrap, runDirectory, settings.Solvers, settings.FlowControl(),
            new TrainerOptions
            {
                DataDirectory = trainerData,
                // Active: a model on the initial batch, then one per planner batch (each model starts the next batch).
                MinimumRows = campaign.Active?.Initial ?? settings.Structures,
                RetrainEvery = campaign.Active?.Batch ?? settings.Structures,
                LearningCurveSeeds = ReportLearningCurveSeeds,
            },
            $"http://127.0.0.1:{FreePort()}")
        {
            Planner = campaign.PlannerOptions(),
        };
        if (broker is not null)
        {
            // Claim-checked payloads of an embedded broker die with it: a previous run's are garbage.
            DeleteBlobs(fleetPlan.Blobs);
            broker.CreatePipelineTopics(8);
        }

        var connection = new KafkaConnection(bootstrap);
        AnsiConsole.MarkupLineInterpolated($"[grey]{(broker is null ? "Kafka" : "embedded broker")} at {bootstrap}; run directory {runDirectory}[/]");
        if (alreadyDescribed > 0)
        {
            AnsiConsole.MarkupLineInterpolated($"[grey]resuming: {alreadyDescribed} of {settings.Structures} structures are already in the dataset[/]");
        }

        // Fleet, monitor, and this process's own spans (the campaign's trace starts here).
        using var tracing = TelemetrySetup.StartTracing("up", new TelemetryOptions { TraceFile = Path.Combine(fleetPlan.Traces, "up.jsonl") });
        using var telemetry = new ServiceTelemetry("up");
        using var fleet = fleetPlan.Start();
        using var monitor = new StageMonitor(connection, telemetry, tracker, new Infra.ClaimCheck.BlobStore(fleetPlan.Blobs), campaign.Active is null ? null : campaign.Name);
        using var publisher = new EventPublisher(connection, telemetry, UpCampaign.ProducedBy);
        var follow = new UpTracker(monitor, fleet);
        try
        {
            var clock = Stopwatch.StartNew();
            ActivityContext campaignTrace;
            using (var span = KafkaTracing.StartCampaign(telemetry.Source, campaign.Name, campaign.Structures))
            using (var submission = UpCampaign.Submit(connection, telemetry, fleetPlan.FlowControl, span, monitor, stop))
            {
                campaignTrace = span?.Context ?? default;
                var done = monitor.Track(t => t.Done.ToHashSet());
                submission.Enqueue(specs.Where(s => !done.Contains(s.Id)));
                await follow.FollowAsync(campaign, submission, specs.ToDictionary(s => s.Id), TimeSpan.FromSeconds(settings.StallTimeout),
                    TimeSpan.FromMinutes(settings.TrainingTimeout), runDirectory, publisher, campaignTrace, stop);
                submission.Flush();
            }

            var campaignWall = clock.Elapsed;
            int described = monitor.Track(t => t.Reached(CampaignStage.Described));
            var versionAtRequest = monitor.Model?.Version ?? 0;
            var retrain = await campaign.RequestTrainingIfNeededAsync(publisher, described, alreadyDescribed, monitor.Model?.DatasetRows, campaignTrace, stop);
            var model = await follow.WaitForModelAsync(described, TimeSpan.FromMinutes(settings.TrainingTimeout), versionAtRequest, retrain, stop);
            var demo = campaign.NewDesign();
            var prediction = await follow.PredictAsync(publisher, demo, model.Version, campaignTrace, stop);

            // Report: every process stopped (their span files complete), then the study report and the summary.
            var peakRssMib = UpFleet.PeakMemory(fleet);
            fleet.Stop(TimeSpan.FromSeconds(30));
            var (deadLettered, resubmitted, truncations, duplicates) = UpOutcome.Counts(monitor);
            var facts = new RunFacts(settings.Structures, campaign.PresetName, settings.Solvers, deadLettered, campaignWall, total.Elapsed, bootstrap)
            {
                ReplicateGroups = ReplicatedCampaign.Groups(specs),
                Specs = [.. specs, .. monitor.Planned.Select(p => p.Spec)],
                Active = campaign.Active is { } active ? new ActiveRunFacts(active.Initial, active.Batch, monitor.Planned) : null,
            };
            var index = await StudyReport.WriteAsync(runDirectory, trainerData, Path.Combine(trainerData, "models", $"v{model.Version:D4}"),
                Directory.EnumerateFiles(fleetPlan.Traces, "*.jsonl"), facts, stop);
            UpReport.Write(new UpOutcome(settings.Structures, described, alreadyDescribed, deadLettered, resubmitted, truncations, duplicates,
                campaignWall, model, demo, prediction, peakRssMib, index, runDirectory), settings.Json, fleetPlan.PredictorUrls);
            return CliExit.Ok;
        }
        finally
        {
            fleet.Stop(TimeSpan.FromSeconds(30));
            if (broker is not null)
            {
                DeleteBlobs(fleetPlan.Blobs);
            }
        }
    }

    private static void DeleteBlobs(string directory)
    {
        if (Directory.Exists(directory))
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    private static int FreePort()
    {
        using var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        return ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
    }
}

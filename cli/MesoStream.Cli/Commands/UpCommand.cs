using MesoStream.Contracts.Models;
using System.ComponentModel;
using System.Diagnostics;
using System.Globalization;
using System.Runtime.InteropServices;
using System.Text.Json;
using MesoStream.Cli.Pipeline;
using MesoStream.Cli.Rendering;
using MesoStream.Contracts;
using MesoStream.Contracts.Messaging;
using MesoStream.Contracts.Specs;
using MesoStream.Generator;
using MesoStream.Generator.Campaigns;
using MesoStream.Trainer.Dataset;
using MesoStream.Infra.Broker;
using MesoStream.Infra.FlowControl;
using MesoStream.Infra.Kafka;
using MesoStream.Infra.Telemetry;
using Spectre.Console;
using Spectre.Console.Cli;

namespace MesoStream.Cli.Commands;

/// <summary>
/// The whole pipeline in one command: the embedded broker (unless --bootstrap), the five services as separate
/// processes (K solver replicas in one consumer group), a campaign of N specs, live progress per stage, training once
/// the dataset is complete, one prediction of a new design through the predictor service, the study report, and every
/// process stopped at the end (also on Ctrl+C).
/// </summary>
internal sealed class UpCommand : AsyncCommand<UpCommand.Settings>
{
    public sealed class Settings : CommandSettings
    {
        [CommandOption("-n|--structures <N>")]
        [Description("Structures in the campaign.")]
        [DefaultValue(200)]
        public int Structures { get; init; }

        [CommandOption("--preset <NAME>")]
        [Description("fast (64³ voxels) or paper (200³).")]
        [DefaultValue("fast")]
        public string Preset { get; init; } = "fast";

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
        [Description("How long to wait for the model once the campaign is complete (17,000 structures train in about 9 minutes on 2 cores).")]
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

        public FlowControlOptions FlowControl() => new FlowControlOptions { MaxBacklogBytes = MaxBacklogBytes, MaxBacklogRecords = MaxBacklogRecords }.Validated();

        [CommandOption("-o|--out <DIR>")]
        [Description("Run directory: logs/, traces/, trainer-data/ and report/ (default runs/up-TIMESTAMP).")]
        public string? Out { get; init; }

        public override ValidationResult Validate() =>
            Structures is < DatasetTrainingMinimum or > 100_000 ? ValidationResult.Error($"--structures must lie in [{DatasetTrainingMinimum}, 100000]")
            : Preset is not ("fast" or "paper") ? ValidationResult.Error($"--preset \"{Preset}\" is unknown: allowed fast, paper")
            : Solvers is < 1 or > 16 ? ValidationResult.Error("--solvers must lie in [1, 16]")
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
        var outDirectory = Path.GetFullPath(settings.Out ?? Path.Combine("runs", $"up-{DateTime.Now:yyyyMMdd-HHmmss}"));
        Directory.CreateDirectory(outDirectory);
        var flow = settings.FlowControl();
        using var interrupted = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        using var sigint = PosixSignalRegistration.Create(PosixSignal.SIGINT, c => { c.Cancel = true; interrupted.Cancel(); });
        using var sigterm = PosixSignalRegistration.Create(PosixSignal.SIGTERM, c => { c.Cancel = true; interrupted.Cancel(); });
        var stop = interrupted.Token;

        var grid = GeneratorPresets.Grid(settings.Preset == "paper" ? GridPreset.Paper : GridPreset.Fast);
        var specs = CampaignSampler.Sample(settings.Structures, settings.Seed, SamplingDesign.Sobol, grid, $"up-{settings.Seed}");
        var trainerData = Path.Combine(outDirectory, "trainer-data");
        var tracker = await ResumeOrStartAsync(settings, specs, outDirectory, trainerData);
        var alreadyDescribed = tracker.Reached(CampaignStage.Described);

        using var broker = settings.Bootstrap is null ? EmbeddedKafkaBroker.Start() : null;
        var blobs = Path.Combine(outDirectory, BlobDirectory);
        if (broker is not null)
        {
            // Claim-checked payloads of an embedded broker die with it: a previous run's are garbage.
            DeleteBlobs(blobs);
        }

        broker?.CreatePipelineTopics(8);
        var bootstrap = settings.Bootstrap ?? broker!.BootstrapServers;
        var connection = new KafkaConnection(bootstrap);
        AnsiConsole.MarkupLineInterpolated($"[grey]{(broker is null ? "Kafka" : "embedded broker")} at {bootstrap}; run directory {outDirectory}[/]");
        if (alreadyDescribed > 0)
        {
            AnsiConsole.MarkupLineInterpolated($"[grey]resuming: {alreadyDescribed} of {settings.Structures} structures are already in the dataset[/]");
        }

        var traces = Path.Combine(outDirectory, "traces");
        var predictorUrl = $"http://127.0.0.1:{FreePort()}";
        using var fleet = Launch(settings, flow, bootstrap, outDirectory, traces, trainerData, predictorUrl);
        using var monitor = new StageMonitor(connection, tracker, new Infra.ClaimCheck.BlobStore(blobs));
        using var telemetry = new ServiceTelemetry("cli");
        using var publisher = new EventPublisher(connection, telemetry, "mesostream-up");
        try
        {
            var campaign = Stopwatch.StartNew();
            var byId = specs.ToDictionary(s => s.Id);
            using (var submission = new SpecSubmission(connection, flow, stop, id => monitor.Track(t => t.Delivered(id))))
            {
                var done = monitor.Track(t => t.Done.ToHashSet());
                submission.Enqueue(specs.Where(s => !done.Contains(s.Id)));
                await FollowAsync(settings, monitor, fleet, submission, byId, outDirectory, stop);
                submission.Flush();
            }

            campaign.Stop();

            int described = monitor.Track(t => t.Reached(CampaignStage.Described));
            if (described < settings.Structures || alreadyDescribed > 0)
            {
                // The trainer's policy trains once all N are in; with some dead-lettered, or a resumed dataset it may
                // already have counted, ask for the run explicitly (requests coalesce with a policy run).
                await publisher.PublishAsync(new OutboundRecord(Topics.TrainingRequested, "mesostream-up",
                    new TrainingRequest($"campaign complete: {described} of {settings.Structures} described").ToJsonBytes(), ContentTypes.Json, TrainingRequest.SchemaId), stop);
            }

            var model = await WaitForModelAsync(monitor, described, fleet, TimeSpan.FromMinutes(settings.TrainingTimeout), stop);
            var demo = CampaignSampler.Sample(1, settings.Seed + 1, SamplingDesign.Sobol, grid, "up-demo")[0];
            var prediction = await PredictAsync(publisher, monitor, fleet, demo, model.Version, stop);
            var peakRssMib = PeakMemory(fleet);
            fleet.Stop(TimeSpan.FromSeconds(30));
            var (deadLettered, resubmitted, truncations) = monitor.Track(t => (t.DeadLettered, t.Resubmitted, t.Truncations.Count));
            var facts = new RunFacts(settings.Structures, settings.Preset, settings.Solvers, deadLettered, campaign.Elapsed, total.Elapsed, bootstrap);
            var index = await StudyReport.WriteAsync(outDirectory, trainerData, Path.Combine(trainerData, "models", $"v{model.Version:D4}"),
                Directory.EnumerateFiles(traces, "*.jsonl"), facts, stop);

            var duplicates = new[] { (Topics.VoxelReady, CampaignStage.Generated), (Topics.PropertiesComputed, CampaignStage.Solved), (Topics.DescriptorsComputed, CampaignStage.Described) }
                .ToDictionary(x => x.Item1, x => monitor.Track(t => t.Duplicates(x.Item2)));
            var newStructures = described - alreadyDescribed;
            if (settings.Json)
            {
                Console.WriteLine(JsonSerializer.Serialize(new
                {
                    structures = settings.Structures,
                    described,
                    resumed = alreadyDescribed,
                    deadLettered,
                    resubmitted,
                    logTruncations = truncations,
                    duplicates,
                    campaignSeconds = campaign.Elapsed.TotalSeconds,
                    structuresPerHour = newStructures / campaign.Elapsed.TotalHours,
                    modelVersion = model.Version,
                    prediction = JsonDocument.Parse(prediction).RootElement,
                    datasetRows = model.DatasetRows,
                    peakRssMib,
                    report = index,
                    runDirectory = outDirectory,
                }, CliJson.Options));
            }
            else
            {
                MetricsTables.Write(model);
                AnsiConsole.MarkupLineInterpolated($"[bold]prediction[/] for a new design {demo.Id} (predictor at {predictorUrl}, generated and described in-process, no solver):");
                AnsiConsole.WriteLine(prediction);
            }

            if (duplicates.Values.Any(d => d > 0))
            {
                throw new InvalidOperationException($"a structure submitted once reached a stage twice: {string.Join(", ", duplicates.Select(d => $"{d.Key} +{d.Value}"))}");
            }

            if (model.DatasetRows != described)
            {
                throw new InvalidOperationException($"the dataset holds {model.DatasetRows} structures but {described} of the campaign were described");
            }

            AnsiConsole.MarkupLineInterpolated($"[bold]{newStructures} structures in {campaign.Elapsed.TotalSeconds:F0} s ({newStructures / campaign.Elapsed.TotalHours:F0}/hour), {deadLettered} dead-lettered, {resubmitted} resubmitted, {truncations} log truncations; model version {model.Version} on {model.DatasetRows} structures.[/]");
            AnsiConsole.MarkupLineInterpolated($"peak resident memory (MiB): {string.Join(", ", peakRssMib.Select(p => $"{p.Key} {p.Value}"))}");
            AnsiConsole.MarkupLineInterpolated($"report: {index}");
            return CliExit.Ok;
        }
        finally
        {
            fleet.Stop(TimeSpan.FromSeconds(30));
            if (broker is not null)
            {
                DeleteBlobs(blobs);
            }
        }
    }

    /// <summary>Peak resident memory of every process of the run, in MiB: this one (embedded broker, stage monitor) and each service.</summary>
    private static Dictionary<string, long> PeakMemory(ServiceFleet fleet)
    {
        var peaks = new Dictionary<string, long> { ["up"] = Process.GetCurrentProcess().PeakWorkingSet64 >> 20 };
        foreach (var service in fleet.Services)
        {
            if (service.PeakResidentBytes() is { } bytes)
            {
                peaks[service.Name] = bytes >> 20;
            }
        }

        return peaks;
    }

    /// <summary>The run directory's claim-check store: 200³ voxel batches (2.5–24 MB) travel through it, not the log.</summary>
    private const string BlobDirectory = "blobs";

    private static void DeleteBlobs(string directory)
    {
        if (Directory.Exists(directory))
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    /// <summary>
    /// A run directory that holds a campaign of the same settings is resumed: the structures already in the trainer's
    /// dataset count as described, the submission counts carry over. Otherwise a new campaign file is written.
    /// </summary>
    private static async Task<CampaignTracker> ResumeOrStartAsync(Settings settings, IReadOnlyList<StructureSpec> specs, string outDirectory, string trainerData)
    {
        var tracker = new CampaignTracker(specs.Select(s => s.Id), DateTime.UtcNow, settings.MaxSubmissions);
        if (CampaignFile.Load(outDirectory) is { } previous)
        {
            if (previous.Conflict(settings.Structures, settings.Seed, settings.Preset) is { } conflict)
            {
                throw new ArgumentException(conflict);
            }

            tracker.RestoreSubmissions(previous.Submissions);
            if (Directory.Exists(trainerData))
            {
                var dataset = await TrainingDataset.OpenAsync(trainerData);
                tracker.AlreadyDescribed(dataset.Rows.Select(r => r.Id), DateTime.UtcNow);
            }
        }

        new CampaignFile(settings.Structures, settings.Seed, settings.Preset, tracker.Submissions).Save(outDirectory);
        return tracker;
    }

    private static ServiceFleet Launch(Settings settings, FlowControlOptions flow, string bootstrap, string outDirectory, string traces, string trainerData, string predictorUrl)
    {
        var logs = Path.Combine(outDirectory, "logs");
        var fleet = new ServiceFleet();
        string[] Common(string instance) =>
        [
            "--bootstrap", bootstrap, "--instance", instance, "--trace-file", Path.Combine(traces, instance + ".jsonl"),
            "--max-backlog-bytes", flow.MaxBacklogBytes.ToString(CultureInfo.InvariantCulture),
            "--max-backlog-records", flow.MaxBacklogRecords.ToString(CultureInfo.InvariantCulture),
            "--claim-check-dir", Path.Combine(outDirectory, BlobDirectory),
        ];
        fleet.Add(ServiceProcess.Start("generator", "Generator", Common("generator"), logs));
        for (int k = 1; k <= settings.Solvers; k++)
        {
            fleet.Add(ServiceProcess.Start($"solver-{k}", "Solver", Common($"solver-{k}"), logs));
        }

        fleet.Add(ServiceProcess.Start("descriptor", "Descriptor", Common("descriptor"), logs));
        fleet.Add(ServiceProcess.Start("trainer", "Trainer",
            [.. Common("trainer"), "--data", trainerData, "--min-rows", settings.Structures.ToString(), "--retrain-every", settings.Structures.ToString()], logs));
        fleet.Add(ServiceProcess.Start("predictor", "Predictor", [.. Common("predictor"), "--urls", predictorUrl], logs));
        File.WriteAllText(Path.Combine(outDirectory, "services.json"),
            JsonSerializer.Serialize(fleet.Services.ToDictionary(s => s.Name, s => s.Id), CliJson.Options));
        return fleet;
    }

    /// <summary>
    /// Progress bars per stage until every structure is described or dead-lettered. A service that exits ends the run;
    /// a pipeline that stops moving for the stall time-out gets its missing structures reported and resubmitted, and
    /// once they have used every submission the run fails, naming the stage that did not deliver them.
    /// </summary>
    private static async Task FollowAsync(Settings settings, StageMonitor monitor, ServiceFleet fleet, SpecSubmission submission,
        IReadOnlyDictionary<string, StructureSpec> specs, string outDirectory, CancellationToken stop)
    {
        var structures = settings.Structures;
        var timeout = TimeSpan.FromSeconds(settings.StallTimeout);
        await AnsiConsole.Progress()
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new RemainingTimeColumn(), new SpinnerColumn())
            .StartAsync(async progress =>
            {
                var stages = new (CampaignStage Stage, string Topic, ProgressTask Task)[]
                {
                    (CampaignStage.Generated, Topics.VoxelReady, progress.AddTask("generated", maxValue: structures)),
                    (CampaignStage.Solved, Topics.PropertiesComputed, progress.AddTask("solved", maxValue: structures)),
                    (CampaignStage.Described, Topics.DescriptorsComputed, progress.AddTask("described", maxValue: structures)),
                };
                var clock = Stopwatch.StartNew();
                var start = stages.ToDictionary(s => s.Stage, s => monitor.Track(t => t.Reached(s.Stage)));
                while (!monitor.Track(t => t.Complete))
                {
                    fleet.ThrowIfAnyExited();
                    if (submission.Failure is { } failure)
                    {
                        throw new InvalidOperationException(failure);
                    }

                    foreach (var (stage, topic, task) in stages)
                    {
                        int reached = monitor.Track(t => t.Reached(stage));
                        task.Value = reached;
                        double perMinute = (reached - start[stage]) / Math.Max(clock.Elapsed.TotalMinutes, 1e-9);
                        task.Description = $"{topic,-22} {reached,5}/{structures} {perMinute,6:F1}/min";
                    }

                    if (monitor.Track(t => t.Stall(DateTime.UtcNow, timeout)) is { } stall)
                    {
                        var report = StallReport(stall, fleet);
                        if (stall.Exhausted)
                        {
                            throw new CampaignStalledException(report);
                        }

                        var again = monitor.Track(t => t.Resubmit(DateTime.UtcNow));
                        AnsiConsole.MarkupLineInterpolated($"[yellow]{report}[/]");
                        AnsiConsole.MarkupLineInterpolated($"[yellow]resubmitting {again.Count} structures[/]");
                        submission.Enqueue(again.Select(id => specs[id]));
                        new CampaignFile(settings.Structures, settings.Seed, settings.Preset, monitor.Track(t => t.Submissions)).Save(outDirectory);
                    }

                    await Task.Delay(500, stop);
                }

                foreach (var (stage, _, task) in stages)
                {
                    task.Value = monitor.Track(t => t.Reached(stage));
                }
            });
    }

    /// <summary>Which structures are missing, after which stage, the service that should have moved them on, and what it last logged.</summary>
    private static string StallReport(CampaignStall stall, ServiceFleet fleet)
    {
        var lines = new List<string> { $"no structure reached a new stage for {stall.Idle.TotalSeconds:F0} s; {stall.MissingCount} missing:" };
        foreach (var (stage, ids) in stall.Missing.OrderBy(m => m.Key))
        {
            var (topic, service) = NextStage(stage);
            var sample = string.Join(", ", ids.Take(5)) + (ids.Count > 5 ? $", … ({ids.Count - 5} more)" : string.Empty);
            var tail = fleet.Services.FirstOrDefault(s => s.Name.StartsWith(service, StringComparison.Ordinal))?.Tail() ?? "(not running)";
            lines.Add($"  {ids.Count} on {topic}, not delivered by the {service} service: {sample}");
            lines.Add($"    {service} last logged: {string.Join(" | ", tail.Split('\n', StringSplitOptions.RemoveEmptyEntries).TakeLast(2))}");
        }

        if (stall.Queued > 0)
        {
            lines.Add(stall.MissingCount == 0
                ? $"  {stall.Queued} specs cannot be sent: structure-spec's backlog stayed at its flow-control bound, so the generator's group committed none of what it was sent"
                : $"  {stall.Queued} specs still wait to be sent (flow control): not missing, not resubmitted");
        }

        lines.AddRange(stall.Truncations.Select(t => $"  log truncated: {t}"));
        if (stall.Exhausted)
        {
            lines.Add("  every missing structure has been submitted the maximum number of times (--max-submissions); giving up.");
        }

        return string.Join(Environment.NewLine, lines);
    }

    private static (string Topic, string Service) NextStage(CampaignStage stage) => stage switch
    {
        CampaignStage.Submitted => (Topics.StructureSpec, "generator"),
        CampaignStage.Generated => (Topics.VoxelReady, "solver"),
        _ => (Topics.PropertiesComputed, "descriptor"),
    };

    /// <summary>Asks the predictor service (over Kafka) for a design it has never seen and waits for the answer of this model version.</summary>
    private static async Task<string> PredictAsync(EventPublisher publisher, StageMonitor monitor, ServiceFleet fleet, StructureSpec spec, int version, CancellationToken stop)
    {
        await publisher.PublishAsync(new OutboundRecord(Topics.PredictionRequested, spec.Id, System.Text.Encoding.UTF8.GetBytes(spec.ToJson()), ContentTypes.Json, StructureSpec.SchemaId), stop);

        var deadline = DateTime.UtcNow + TimeSpan.FromMinutes(2);
        while (monitor.Prediction(spec.Id) is not { } answer || JsonDocument.Parse(answer).RootElement.GetProperty("model_version").GetInt32() < version)
        {
            fleet.ThrowIfAnyExited();

            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"the predictor did not answer {spec.Id} with model version {version} within 2 minutes; see its log");
            }

            await Task.Delay(200, stop);
        }

        return monitor.Prediction(spec.Id)!;
    }

    private static int FreePort()
    {
        using var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        return ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static async Task<ModelArtifact> WaitForModelAsync(StageMonitor monitor, int rows, ServiceFleet fleet, TimeSpan timeout, CancellationToken stop)
    {
        ModelArtifact? model = null;
        var deadline = DateTime.UtcNow + timeout;
        await AnsiConsole.Status().StartAsync($"training 7 models × 9 targets on {rows} structures…", async _ =>
        {
            while ((model = monitor.Model) is null || model.DatasetRows < rows)
            {
                if (monitor.ModelError is { } error)
                {
                    throw new InvalidOperationException($"the trainer published a model that does not decode: {error}");
                }

                fleet.ThrowIfAnyExited();
                if (DateTime.UtcNow > deadline)
                {
                    var trainer = fleet.Services.First(s => s.Name == "trainer").Tail().Split('\n', StringSplitOptions.RemoveEmptyEntries);
                    throw new TimeoutException($"the trainer published no model on {rows} structures within {timeout.TotalMinutes:F0} minutes (--training-timeout); " +
                        $"it last logged: {string.Join(" | ", trainer.TakeLast(3))}");
                }

                await Task.Delay(500, stop);
            }
        });
        return model!;
    }
}

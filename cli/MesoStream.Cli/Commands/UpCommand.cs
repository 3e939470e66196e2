using System.ComponentModel;
using System.Diagnostics;
using System.Runtime.InteropServices;
using System.Text.Json;
using MesoStream.Cli.Pipeline;
using MesoStream.Cli.Rendering;
using MesoStream.Contracts;
using MesoStream.Contracts.Messaging;
using MesoStream.Contracts.Specs;
using MesoStream.Generator;
using MesoStream.Generator.Campaigns;
using MesoStream.Infra.Broker;
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

        [CommandOption("-o|--out <DIR>")]
        [Description("Run directory: logs/, traces/, trainer-data/ and report/ (default runs/up-TIMESTAMP).")]
        public string? Out { get; init; }

        public override ValidationResult Validate() =>
            Structures is < DatasetTrainingMinimum or > 100_000 ? ValidationResult.Error($"--structures must lie in [{DatasetTrainingMinimum}, 100000]")
            : Preset is not ("fast" or "paper") ? ValidationResult.Error($"--preset \"{Preset}\" is unknown: allowed fast, paper")
            : Solvers is < 1 or > 16 ? ValidationResult.Error("--solvers must lie in [1, 16]")
            : Seed is < 0 or > SpecLimits.MaxSeed ? ValidationResult.Error($"--seed must lie in [0, {SpecLimits.MaxSeed}]")
            : ValidationResult.Success();

        private const int DatasetTrainingMinimum = Trainer.Workflow.DatasetTraining.MinimumRows;
    }

    public override async Task<int> ExecuteAsync(CommandContext context, Settings settings, CancellationToken cancellationToken)
    {
        var total = Stopwatch.StartNew();
        var outDirectory = Path.GetFullPath(settings.Out ?? Path.Combine("runs", $"up-{DateTime.Now:yyyyMMdd-HHmmss}"));
        Directory.CreateDirectory(outDirectory);
        using var interrupted = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        using var sigint = PosixSignalRegistration.Create(PosixSignal.SIGINT, c => { c.Cancel = true; interrupted.Cancel(); });
        using var sigterm = PosixSignalRegistration.Create(PosixSignal.SIGTERM, c => { c.Cancel = true; interrupted.Cancel(); });
        var stop = interrupted.Token;

        using var broker = settings.Bootstrap is null ? EmbeddedKafkaBroker.Start() : null;
        broker?.CreatePipelineTopics(8);
        var bootstrap = settings.Bootstrap ?? broker!.BootstrapServers;
        var connection = new KafkaConnection(bootstrap);
        AnsiConsole.MarkupLineInterpolated($"[grey]{(broker is null ? "Kafka" : "embedded broker")} at {bootstrap}; run directory {outDirectory}[/]");

        var grid = GeneratorPresets.Grid(settings.Preset == "paper" ? GridPreset.Paper : GridPreset.Fast);
        var specs = CampaignSampler.Sample(settings.Structures, settings.Seed, SamplingDesign.Sobol, grid, $"up-{settings.Seed}");
        var traces = Path.Combine(outDirectory, "traces");
        var trainerData = Path.Combine(outDirectory, "trainer-data");
        var predictorUrl = $"http://127.0.0.1:{FreePort()}";
        using var fleet = Launch(settings, bootstrap, outDirectory, traces, trainerData, predictorUrl);
        using var monitor = new StageMonitor(connection, specs.Select(s => s.Id));
        using var telemetry = new ServiceTelemetry("cli");
        using var publisher = new EventPublisher(connection, telemetry, "mesostream-up");
        try
        {
            var campaign = Stopwatch.StartNew();
            SpecSubmission.Publish(connection, specs, () => { }, stop);
            await FollowAsync(settings.Structures, monitor, fleet, stop);
            campaign.Stop();

            int described = monitor.Reached(Topics.DescriptorsComputed);
            if (described < settings.Structures)
            {
                // The trainer's policy waits for all N; with some dead-lettered, ask for the run explicitly.
                await publisher.PublishAsync(new OutboundRecord(Topics.TrainingRequested, "mesostream-up",
                    new TrainingRequest($"campaign complete: {described} of {settings.Structures} described").ToJsonBytes(), ContentTypes.Json, TrainingRequest.SchemaId), stop);
            }

            var model = await WaitForModelAsync(monitor, described, fleet, stop);
            var demo = CampaignSampler.Sample(1, settings.Seed + 1, SamplingDesign.Sobol, grid, "up-demo")[0];
            var prediction = await PredictAsync(publisher, monitor, fleet, demo, model.Version, stop);
            fleet.Stop(TimeSpan.FromSeconds(30));
            var facts = new RunFacts(settings.Structures, settings.Preset, settings.Solvers, monitor.DeadLettered, campaign.Elapsed, total.Elapsed, bootstrap);
            var index = await StudyReport.WriteAsync(outDirectory, trainerData, Path.Combine(trainerData, "models", $"v{model.Version:D4}"),
                Directory.EnumerateFiles(traces, "*.jsonl"), facts, stop);

            var duplicates = new[] { Topics.VoxelReady, Topics.PropertiesComputed, Topics.DescriptorsComputed }
                .ToDictionary(topic => topic, topic => monitor.Records(topic) - monitor.Reached(topic));
            if (settings.Json)
            {
                Console.WriteLine(JsonSerializer.Serialize(new
                {
                    structures = settings.Structures,
                    described,
                    deadLettered = monitor.DeadLettered,
                    duplicates,
                    campaignSeconds = campaign.Elapsed.TotalSeconds,
                    structuresPerHour = settings.Structures / campaign.Elapsed.TotalHours,
                    modelVersion = model.Version,
                    prediction = JsonDocument.Parse(prediction).RootElement,
                    datasetRows = model.DatasetRows,
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
                throw new InvalidOperationException($"a structure reached a stage twice: {string.Join(", ", duplicates.Select(d => $"{d.Key} +{d.Value}"))}");
            }

            AnsiConsole.MarkupLineInterpolated($"[bold]{settings.Structures} structures in {campaign.Elapsed.TotalSeconds:F0} s ({settings.Structures / campaign.Elapsed.TotalHours:F0}/hour), {monitor.DeadLettered} dead-lettered; model version {model.Version} on {model.DatasetRows} structures.[/]");
            AnsiConsole.MarkupLineInterpolated($"report: {index}");
            return CliExit.Ok;
        }
        finally
        {
            fleet.Stop(TimeSpan.FromSeconds(30));
        }
    }

    private static ServiceFleet Launch(Settings settings, string bootstrap, string outDirectory, string traces, string trainerData, string predictorUrl)
    {
        var logs = Path.Combine(outDirectory, "logs");
        var fleet = new ServiceFleet();
        string[] Common(string instance) => ["--bootstrap", bootstrap, "--instance", instance, "--trace-file", Path.Combine(traces, instance + ".jsonl")];
        fleet.Add(ServiceProcess.Start("generator", "Generator", Common("generator"), logs));
        for (int k = 1; k <= settings.Solvers; k++)
        {
            fleet.Add(ServiceProcess.Start($"solver-{k}", "Solver", Common($"solver-{k}"), logs));
        }

        fleet.Add(ServiceProcess.Start("descriptor", "Descriptor", Common("descriptor"), logs));
        fleet.Add(ServiceProcess.Start("trainer", "Trainer",
            [.. Common("trainer"), "--data", trainerData, "--min-rows", settings.Structures.ToString(), "--retrain-every", settings.Structures.ToString()], logs));
        fleet.Add(ServiceProcess.Start("predictor", "Predictor", [.. Common("predictor"), "--urls", predictorUrl], logs));
        return fleet;
    }

    /// <summary>Progress bars per stage until every structure is described or dead-lettered; a service that dies ends the run.</summary>
    private static async Task FollowAsync(int structures, StageMonitor monitor, ServiceFleet fleet, CancellationToken stop)
    {
        await AnsiConsole.Progress()
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new RemainingTimeColumn(), new SpinnerColumn())
            .StartAsync(async progress =>
            {
                var stages = new (string Topic, ProgressTask Task)[]
                {
                    (Topics.VoxelReady, progress.AddTask("generated", maxValue: structures)),
                    (Topics.PropertiesComputed, progress.AddTask("solved", maxValue: structures)),
                    (Topics.DescriptorsComputed, progress.AddTask("described", maxValue: structures)),
                };
                var clock = Stopwatch.StartNew();
                while (monitor.Reached(Topics.DescriptorsComputed) + monitor.DeadLettered < structures)
                {
                    fleet.ThrowIfAnyExited();

                    foreach (var (topic, task) in stages)
                    {
                        int reached = monitor.Reached(topic);
                        task.Value = reached;
                        double perMinute = reached / Math.Max(clock.Elapsed.TotalMinutes, 1e-9);
                        task.Description = $"{topic,-22} {reached,5}/{structures} {perMinute,6:F1}/min";
                    }

                    await Task.Delay(500, stop);
                }

                foreach (var (topic, task) in stages)
                {
                    task.Value = monitor.Reached(topic);
                }
            });
    }

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

    private static async Task<Trainer.Serving.ModelArtifact> WaitForModelAsync(StageMonitor monitor, int rows, ServiceFleet fleet, CancellationToken stop)
    {
        Trainer.Serving.ModelArtifact? model = null;
        await AnsiConsole.Status().StartAsync($"training 7 models × 9 targets on {rows} structures…", async _ =>
        {
            while ((model = monitor.Model) is null || model.DatasetRows < rows)
            {
                if (monitor.ModelError is { } error)
                {
                    throw new InvalidOperationException($"the trainer published a model that does not decode: {error}");
                }

                fleet.ThrowIfAnyExited();

                await Task.Delay(500, stop);
            }
        });
        return model!;
    }
}

using System.Diagnostics;
using MesoStream.Cli.Commands;
using MesoStream.Contracts;
using MesoStream.Contracts.Messaging;
using MesoStream.Contracts.Specs;
using MesoStream.Generator;
using MesoStream.Generator.Campaigns;
using MesoStream.Infra.FlowControl;
using MesoStream.Infra.Kafka;
using MesoStream.Infra.Telemetry;
using MesoStream.Planner;
using MesoStream.Planner.Service;
using MesoStream.Trainer.Dataset;

namespace MesoStream.Cli.Pipeline;

/// <summary>
/// The campaign part of <c>up</c>: N Sobol specs of a preset (a function of the seed, so a run directory can resume
/// or grow them), what the run directory already holds of them, and the trace they travel in: one
/// <see cref="KafkaTracing.CampaignSpanName"/> span under which every spec, the training request and the demo
/// prediction are sent.
/// </summary>
internal sealed record UpCampaign(int Structures, long Seed, GridPreset Preset, int MaxSubmissions, int Replicates = 1)
{
    public string Name => $"up-{Seed}";

    public string PresetName => CliChoices.Preset.NameOf(Preset);

    /// <summary>Active learning's start and batch; null for a Sobol campaign.</summary>
    public ActiveDesign? Active { get; init; }

    public string DesignName => CliChoices.UpDesign.NameOf(Active is null ? UpDesign.Sobol : UpDesign.Active);

    /// <summary>The specs <c>up</c> submits itself: all N of a Sobol campaign, the first N0 of an active one (the planner proposes the rest).</summary>
    public IReadOnlyList<StructureSpec> Specs() =>
        ReplicatedCampaign.Sample(Active?.Initial ?? Structures, Seed, GeneratorPresets.Grid(Preset), Name, Replicates);

    /// <summary>The planner service's options for an active campaign (its label, seed, grid, budget and batch); null for a Sobol one.</summary>
    public PlannerOptions? PlannerOptions() => Active is null
        ? null
        : new PlannerOptions(new PlannerSettings(Name, Seed, GeneratorPresets.Grid(Preset), Structures, Active.Batch));

    /// <summary>A design of the same ranges the campaign does not hold: what <c>up</c> asks the predictor about.</summary>
    public StructureSpec NewDesign() =>
        CampaignSampler.Sample(1, Seed + 1, SamplingDesign.Sobol, GeneratorPresets.Grid(Preset), "up-demo")[0];

    /// <summary>
    /// A run directory that holds a campaign of the same settings is resumed: the structures already in the trainer's
    /// dataset count as described, the submission counts carry over. Otherwise a new campaign file is written.
    /// </summary>
    public async Task<CampaignTracker> ResumeOrStartAsync(IReadOnlyList<StructureSpec> specs, string runDirectory, string trainerData)
    {
        var tracker = new CampaignTracker(specs.Select(s => s.Id), DateTime.UtcNow, MaxSubmissions);
        if (CampaignFile.Load(runDirectory) is { } previous)
        {
            if (Active is not null || previous.Design != DesignName)
            {
                // The planner's specs exist only on structure-spec (with the embedded broker, gone with it), so an
                // active campaign cannot be rebuilt from its settings the way a Sobol one can.
                throw new ArgumentException($"the run directory holds a {previous.Design} campaign; an active campaign cannot resume or be resumed: choose another --out");
            }

            if (previous.Conflict(Structures, Seed, PresetName, Replicates) is { } conflict)
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

        Save(runDirectory, tracker.Submissions);
        return tracker;
    }

    public void Save(string runDirectory, IReadOnlyDictionary<string, int> submissions) =>
        new CampaignFile(Structures, Seed, PresetName, submissions) { Replicates = Replicates, Design = DesignName }.Save(runDirectory);

    /// <summary>Submits specs in the background under flow control, each sent under <paramref name="campaign"/>; the monitor learns of each acknowledged one.</summary>
    public static SpecSubmission Submit(KafkaConnection connection, ServiceTelemetry telemetry, FlowControlOptions flow, Activity? campaign,
        StageMonitor monitor, CancellationToken stop) =>
        new(connection, telemetry, ProducedBy, flow, campaign?.Context ?? default, stop, id => monitor.Track(t => t.Delivered(id)));

    /// <summary>
    /// The trainer's policy trains once all N are in; with some dead-lettered, or a resumed dataset it may already have
    /// counted, <c>up</c> asks for the run explicitly (requests coalesce with a policy run). An active campaign's policy
    /// trains once the start is in and then every batch since the last model: a start that lost structures to dead
    /// letters, or a batch smaller than that, is asked for.
    /// </summary>
    /// <param name="latestModelRows">The rows of the newest model version seen, if any.</param>
    /// <returns>The request to send again, or null when none was needed.</returns>
    public async Task<Func<Task>?> RequestTrainingIfNeededAsync(EventPublisher publisher, int described, int alreadyDescribed, int? latestModelRows,
        ActivityContext campaign, CancellationToken stop)
    {
        bool policyWillTrain = Active is null
            ? described == Structures && alreadyDescribed == 0
            : latestModelRows is { } rows
                ? rows >= described || described - rows >= Active.Batch
                : described >= Active.Initial;
        if (policyWillTrain)
        {
            return null;
        }

        Task Request() => publisher.PublishAsync(new OutboundRecord(Topics.TrainingRequested, ProducedBy,
            new TrainingRequest($"campaign complete: {described} of {Structures} described").ToJsonBytes(), ContentTypes.Json, TrainingRequest.SchemaId), stop, campaign);
        await Request();
        return Request;
    }

    /// <summary>Who <c>up</c>'s records say produced them.</summary>
    public const string ProducedBy = "mesostream-up";
}

using MesoStream.Modelling.Serving;
using MesoStream.Contracts.Models;
using System.Diagnostics;
using MesoStream.Contracts;
using MesoStream.Contracts.Messaging;
using MesoStream.Contracts.Specs;
using MesoStream.Generator.Campaigns;
using MesoStream.Infra.Kafka;
using Spectre.Console;

namespace MesoStream.Cli.Pipeline;

/// <summary>
/// The tracker part of <c>up</c>: follows the campaign through the <see cref="StageMonitor"/> (progress per stage,
/// stalls reported and healed by resubmission, a service that exits ends the run), then waits for the model trained
/// on the complete dataset and for the predictor's answer about a new design.
/// </summary>
internal sealed class UpTracker(StageMonitor monitor, ServiceFleet fleet)
{
    /// <summary>How long an active campaign waits, once everything so far is done, for the trainer's own retraining before asking for it.</summary>
    private static readonly TimeSpan TrainingGrace = TimeSpan.FromSeconds(15);

    /// <summary>
    /// Progress bars per stage until every structure is described or dead-lettered. A pipeline that stops moving for
    /// <paramref name="stallTimeout"/> gets its missing structures reported and resubmitted; once they have used every
    /// submission the run fails, naming the stage that did not deliver them.
    /// </summary>
    /// <para>
    /// An active campaign is followed until N structures are described: each model version makes the planner propose
    /// the next batch, which joins the tracker as the monitor reads it. When every structure so far is done and fewer
    /// than N are described, either the trainer has not trained on the latest ones (a batch lost some to dead letters,
    /// so its retraining count was not reached: training is requested) or the planner owes a batch (none for the stall
    /// time-out ends the run, naming the planner).
    /// </para>
    public async Task FollowAsync(UpCampaign campaign, SpecSubmission submission, IReadOnlyDictionary<string, StructureSpec> specs,
        TimeSpan stallTimeout, TimeSpan trainingTimeout, string runDirectory, EventPublisher publisher, ActivityContext campaignTrace, CancellationToken stop)
    {
        var idleSince = DateTime.UtcNow;
        DateTime? trainingSince = null;
        int requestedAt = -1;
        (int Version, DateTime Since) plannedFrom = (0, DateTime.UtcNow);
        var structures = campaign.Structures;
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
                while (!monitor.Track(t => t.Complete && (campaign.Active is null || t.Reached(CampaignStage.Described) >= structures)))
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

                    if (monitor.Track(t => t.Stall(DateTime.UtcNow, stallTimeout)) is { } stall)
                    {
                        var report = StallReport(stall);
                        if (stall.Exhausted)
                        {
                            throw new CampaignStalledException(report);
                        }

                        var again = monitor.Track(t => t.Resubmit(DateTime.UtcNow));
                        AnsiConsole.MarkupLineInterpolated($"[yellow]{report}[/]");
                        AnsiConsole.MarkupLineInterpolated($"[yellow]resubmitting {again.Count} structures[/]");
                        submission.Enqueue(again.Select(id => specs.TryGetValue(id, out var spec) ? spec : monitor.PlannedSpec(id)).OfType<StructureSpec>());
                        campaign.Save(runDirectory, monitor.Track(t => t.Submissions));
                    }

                    if (campaign.Active is not null)
                    {
                        var (allDone, described) = monitor.Track(t => (t.Complete, t.Reached(CampaignStage.Described)));
                        var model = monitor.Model;
                        if (!allDone)
                        {
                            idleSince = DateTime.UtcNow;
                            trainingSince = null;
                        }
                        else if ((model?.DatasetRows ?? 0) < described)
                        {
                            trainingSince ??= DateTime.UtcNow;
                            if (described != requestedAt && DateTime.UtcNow - idleSince > TrainingGrace)
                            {
                                requestedAt = described;
                                await campaign.RequestTrainingIfNeededAsync(publisher, described, 0, model?.DatasetRows, campaignTrace, stop);
                            }
                            else if (DateTime.UtcNow - trainingSince > trainingTimeout)
                            {
                                var trainer = fleet.Services.First(s => s.Name == "trainer").Tail().Split('\n', StringSplitOptions.RemoveEmptyEntries);
                                throw new TimeoutException($"the trainer published no model on the {described} structures described within {trainingTimeout.TotalMinutes:F0} minutes (--training-timeout), so the planner has nothing to plan from; " +
                                    $"it last logged: {string.Join(" | ", trainer.TakeLast(3))}");
                            }
                        }
                        else if (model!.Version != plannedFrom.Version)
                        {
                            trainingSince = null;
                            plannedFrom = (model.Version, DateTime.UtcNow);
                        }
                        else if (DateTime.UtcNow - plannedFrom.Since > stallTimeout)
                        {
                            var batch = monitor.Planned.Count(p => p.ModelVersion == model.Version);
                            var planner = fleet.Services.FirstOrDefault(s => s.Name == "planner")?.Tail() ?? "(not running)";
                            throw new CampaignStalledException(batch > 0
                                ? $"every structure so far is done ({described} described of {structures}): the {batch} the planner proposed from model version {model.Version} were all dead-lettered " +
                                  $"({monitor.Track(t => t.DeadLettered)} in the campaign; see the .dlq topics' reasons in the services' logs), so no model on more structures can come"
                                : $"every structure so far is done ({described} described of {structures}) and the planner proposed no batch within {stallTimeout.TotalSeconds:F0} s of model version {model.Version} on {model.DatasetRows} structures; " +
                                  $"planner last logged: {string.Join(" | ", planner.Split('\n', StringSplitOptions.RemoveEmptyEntries).TakeLast(3))}");
                        }
                    }

                    await Task.Delay(500, stop);
                }

                foreach (var (stage, _, task) in stages)
                {
                    task.Value = monitor.Track(t => t.Reached(stage));
                }
            });
    }

    /// <summary>
    /// Waits for a model version trained on at least <paramref name="rows"/> structures. A requested run may start
    /// before the trainer has folded the last structures the monitor saw described: a version newer than
    /// <paramref name="versionAtRequest"/> on fewer rows sends the request (<paramref name="retrain"/>) again.
    /// </summary>
    public async Task<ModelArtifact> WaitForModelAsync(int rows, TimeSpan timeout, int versionAtRequest, Func<Task>? retrain, CancellationToken stop)
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

                if (retrain is not null && model is not null && model.Version > versionAtRequest)
                {
                    versionAtRequest = model.Version;
                    await retrain();
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

    /// <summary>Asks the predictor service (over Kafka) for a design it has never seen and waits for the answer of this model version.</summary>
    public async Task<PredictionAnswer> PredictAsync(EventPublisher publisher, StructureSpec spec, int version, ActivityContext campaign, CancellationToken stop)
    {
        await publisher.PublishAsync(new OutboundRecord(Topics.PredictionRequested, spec.Id, System.Text.Encoding.UTF8.GetBytes(spec.ToJson()), ContentTypes.Json, StructureSpec.SchemaId), stop, campaign);

        var deadline = DateTime.UtcNow + TimeSpan.FromMinutes(2);
        PredictionAnswer? answer;
        while ((answer = monitor.Prediction(spec.Id)) is null || answer.Result.ModelVersion < version)
        {
            fleet.ThrowIfAnyExited();
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"the predictor did not answer {spec.Id} with model version {version} within 2 minutes; see its log");
            }

            await Task.Delay(200, stop);
        }

        return answer;
    }

    /// <summary>Which structures are missing, after which stage, the service that should have moved them on, and what it last logged.</summary>
    private string StallReport(CampaignStall stall)
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
}

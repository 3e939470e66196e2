using MesoStream.Modelling.Serving;
using MesoStream.Contracts.Models;
using System.Diagnostics;
using MesoStream.Contracts;
using MesoStream.Contracts.Messaging;
using MesoStream.Infra.Hosting;
using MesoStream.Infra.Kafka;
using MesoStream.Infra.Telemetry;
using MesoStream.Trainer.Workflow;
using MesoStream.Trainer.Dataset;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace MesoStream.Trainer.Service;

/// <summary>
/// Trains off the consumer thread (a 17,000-row run takes minutes, far beyond a consumer's poll interval): waits for
/// a <see cref="RetrainingTrigger"/>, trains on a snapshot of the durable dataset, writes <c>DATA/models/vNNNN/</c>
/// and publishes the artifact to model-trained (key <see cref="ModelKey"/>, compacted; signed in a header when the
/// trainer has <c>--artifact-key-file</c>, see <see cref="ArtifactSignature"/>), in a span that continues the
/// trace of the structure or request that triggered it. At start-up it republishes the latest version on disk: a
/// crash between writing a version and publishing it must not leave predictors a version behind, and a repeat is
/// harmless (predictors ignore versions they already serve).
/// </summary>
public sealed class RetrainingWorker(
    KafkaConnection connection,
    HopOptions hop,
    TrainerOptions options,
    DatasetStore store,
    RetrainingPolicy policy,
    ModelVersions versions,
    ServiceTelemetry telemetry,
    ILogger<RetrainingWorker> logger) : BackgroundService
{
    /// <summary>The model-trained key: one model family, so compaction keeps exactly the latest version.</summary>
    public const string ModelKey = "effective-properties";

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var publisher = new EventPublisher(connection, telemetry, $"{hop.ServiceName}/{hop.InstanceId}");
        if (versions.LatestArtifact() is { } latest)
        {
            await PublishAsync(publisher, latest.Bytes, stoppingToken);
            logger.LogInformation("trainer: republished model version {Version}", versions.Latest);
        }

        while (!stoppingToken.IsCancellationRequested)
        {
            RetrainingTrigger trigger;
            try
            {
                trigger = await policy.NextAsync(stoppingToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }

            await TrainAsync(publisher, trigger, stoppingToken);
        }
    }

    private async Task TrainAsync(EventPublisher publisher, RetrainingTrigger trigger, CancellationToken stoppingToken)
    {
        var rows = store.Snapshot();
        int version = versions.Latest + 1;
        using var activity = telemetry.Source.StartActivity("train models", ActivityKind.Internal, trigger.Cause);
        activity?.SetTag("mesostream.model.version", version);
        activity?.SetTag("mesostream.dataset.rows", rows.Count);
        logger.LogInformation("trainer: training version {Version} on {Rows} structures ({Reason})", version, rows.Count, trigger.Reason);
        var clock = Stopwatch.StartNew();
        try
        {
            var workflow = new WorkflowOptions { Seed = options.Seed, Threads = Environment.ProcessorCount, Models = options.Models, LearningCurveSeeds = options.LearningCurveSeeds };
            var previous = versions.LatestArtifact()?.Artifact;
            bool compare = trigger.Requested || ComparisonSchedule.Due(previous, rows.Count, options.Targets, options.CompareGrowth);
            var outcome = await Task.Run(() => compare ? DatasetTraining.Run(rows, options.Targets, workflow, version, DateTimeOffset.UtcNow) : Refit(rows, previous!, workflow, version), stoppingToken);
            var refitOf = outcome.Artifact.Targets[0].Report.ChoicesFrom;
            activity?.SetTag("mesostream.training.mode", refitOf is null ? "compare" : "refit");
            // Decode what predictors will decode: a version they would refuse is never written or published.
            var artifact = ModelArtifactCodec.Encode(outcome.Artifact);
            ModelArtifactCodec.Decode(artifact);
            ModelDirectory.Write(outcome, versions.DirectoryOf(version), options.Plots);
            await PublishAsync(publisher, artifact, stoppingToken);
            logger.LogInformation("trainer: version {Version} trained on {Rows} structures in {Seconds:F1} s ({Mode}) and published; served test R²: {Scores}",
                version, rows.Count, clock.Elapsed.TotalSeconds,
                refitOf is null ? "models compared" : $"refit of version {refitOf.Version}'s choices",
                string.Join(", ", outcome.Artifact.Targets.Select(t => $"{t.Target} {t.Report.Models.First(m => m.Model == t.Model).Metrics.TestR2:F3} ({t.Model})")));
        }
        catch (ArgumentException e)
        {
            // Too few usable rows (e.g. every structure lacks binder, so a descriptor is 0): wait for more data.
            KafkaTracing.RecordError(activity, e, "insufficient_data");
            logger.LogWarning("trainer: cannot train on {Rows} structures yet: {Error}", rows.Count, e.Message);
        }
        catch (InvalidMessageException e)
        {
            KafkaTracing.RecordError(activity, e, "invalid_artifact");
            logger.LogError("trainer: version {Version} is not a valid artifact and was not published: {Error}", version, e.Message);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            return;
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // A fault in the training code must not stop the trainer: it keeps folding rows, the last version keeps
            // serving, and the next trigger tries again on more data.
            KafkaTracing.RecordError(activity, e, "training_failed");
            logger.LogError(e, "trainer: training version {Version} on {Rows} structures failed; the previous version stays served", version, rows.Count);
        }

        policy.Ran(rows.Count);
    }

    /// <summary>Refits the previous version's choices; choices this build cannot reuse mean a fresh comparison instead.</summary>
    private TrainingOutcome Refit(IReadOnlyList<DatasetRecord> rows, ModelArtifact previous, WorkflowOptions workflow, int version)
    {
        try
        {
            return DatasetTraining.Refit(rows, previous, workflow, version, DateTimeOffset.UtcNow);
        }
        catch (StaleChoicesException e)
        {
            logger.LogInformation("trainer: version {Previous}'s choices cannot be refitted ({Reason}); comparing the models afresh", previous.Version, e.Message);
            return DatasetTraining.Run(rows, options.Targets, workflow, version, DateTimeOffset.UtcNow);
        }
    }

    private Task PublishAsync(EventPublisher publisher, byte[] artifact, CancellationToken cancellationToken) =>
        publisher.PublishAsync(new OutboundRecord(Topics.ModelTrained, ModelKey, artifact, ModelArtifactCodec.ContentType, ModelArtifact.SchemaId)
        {
            ExtraHeaders = options.ArtifactKey is { } key ? [new(MessageHeaders.ArtifactSignature, ArtifactSignature.Sign(key, artifact))] : [],
        }, cancellationToken);
}

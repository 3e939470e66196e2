using System.Globalization;
using System.Text;
using MassTransit;
using MesoStream.Contracts;
using MesoStream.Contracts.Messaging;
using MesoStream.Contracts.Models;
using MesoStream.Contracts.Specs;
using MesoStream.Infra.FlowControl;
using MesoStream.Infra.Hosting;
using MesoStream.Infra.Kafka;
using MesoStream.Infra.Telemetry;
using MessageHeaders = MesoStream.Contracts.Messaging.MessageHeaders;
using Microsoft.Extensions.Logging;

namespace MesoStream.Planner.Service;

/// <summary>
/// model-trained → structure-spec: on each model version, proposes the next batch of designs (<see cref="BatchPlanner"/>)
/// and publishes them as specs of the campaign, each with its provenance in headers (model version, acquisition score,
/// rank, method). The batch goes out in the same Kafka transaction as the model record's offset, so a crash neither
/// loses a batch nor proposes one twice; a second version on the same dataset is skipped (<see cref="PlannedModels"/>). An
/// artifact that does not decode, or is unsigned when a key is set, goes to model-trained.dlq.
/// </summary>
public sealed class PlanBatchConsumer(PlannerOptions options, PlannedModels planned, ServiceTelemetry telemetry, ILogger<PlanBatchConsumer> logger) : IConsumer<InboundRecord>
{
    public static ServiceDefinition Definition { get; } = new("planner", Topics.ModelTrained,
        "active learning: on each model version, proposes the next batch of designs the model is least sure of (bootstrap-ensemble " +
        "spread over a Sobol candidate pool, spread out by max-min distance) and publishes them to structure-spec, until the budget is spent.")
    {
        Options = PlannerOptions.Help,
        Downstream = new DownstreamStage(Topics.StructureSpec, "generator"),
    };

    public Task Consume(ConsumeContext<InboundRecord> context)
    {
        var record = context.Message;
        record.RequireSchema(ModelArtifact.SchemaId);
        if (options.ArtifactKey is { } key)
        {
            ArtifactSignature.Verify(key, record.Value, record.Header(MessageHeaders.ArtifactSignature));
        }

        var model = ModelArtifactCodec.Decode(record.Value);
        if (!planned.Claim(model.Version, model.DatasetHash, record.Partition, record.Offset))
        {
            logger.LogInformation("planner: model version {Version} ({Rows} structures) skipped: a batch was already planned from a newer version or from the same dataset (a republished or repeated model)",
                model.Version, model.DatasetRows);
            return Task.CompletedTask;
        }

        using var activity = telemetry.Source.StartActivity("plan batch");
        activity?.SetTag("mesostream.model.version", model.Version);
        activity?.SetTag("mesostream.model.dataset_rows", model.DatasetRows);

        var batch = BatchPlanner.Plan(model, options.Settings);
        activity?.SetTag("mesostream.acquisition.batch", batch.Specs.Count);
        // One reply with the whole batch: the hop produces a record's outputs together, in its transaction.
        record.Reply([.. batch.Specs.Select(proposal =>
            new OutboundRecord(Topics.StructureSpec, proposal.Spec.Id, Encoding.UTF8.GetBytes(proposal.Spec.ToJson()), ContentTypes.Json, StructureSpec.SchemaId)
            {
                ExtraHeaders =
                [
                    new(MessageHeaders.AcquisitionModelVersion, model.Version.ToString(CultureInfo.InvariantCulture)),
                    new(MessageHeaders.AcquisitionScore, proposal.Score.ToString("R", CultureInfo.InvariantCulture)),
                    new(MessageHeaders.AcquisitionRank, proposal.Rank.ToString(CultureInfo.InvariantCulture)),
                    new(MessageHeaders.AcquisitionMethod, batch.Acquisition),
                ],
            })]);
        if (batch.Specs.Count == 0)
        {
            logger.LogInformation("planner: model version {Version} is trained on {Rows} structures, the budget of {Budget}: no batch",
                model.Version, model.DatasetRows, options.Settings.Budget);
        }
        else
        {
            logger.LogInformation("planner: model version {Version} ({Rows} structures): proposed {Count} specs in {Seconds:F1} s, scores {High:G3}…{Low:G3}; {Method}",
                model.Version, model.DatasetRows, batch.Specs.Count, batch.Elapsed.TotalSeconds, batch.Specs.Max(s => s.Score), batch.Specs.Min(s => s.Score), batch.Acquisition);
        }

        return Task.CompletedTask;
    }
}

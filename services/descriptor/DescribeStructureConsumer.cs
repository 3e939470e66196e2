using MassTransit;
using MesoStream.Contracts;
using MesoStream.Contracts.Arrow;
using MesoStream.Contracts.Messaging;
using MesoStream.Contracts.Specs;
using MesoStream.Descriptor.Descriptors;
using MesoStream.Infra.FlowControl;
using MesoStream.Infra.Hosting;
using MesoStream.Infra.Kafka;
using MesoStream.Infra.Telemetry;
using MessageHeaders = MesoStream.Contracts.Messaging.MessageHeaders;

namespace MesoStream.Descriptor.Service;

/// <summary>
/// properties-computed → descriptors-computed: decodes the properties batch and the voxel batch it forwards (corrupt or
/// foreign payloads, a key that is not the id, forwarded voxels of another id go to the dead-letter topic), computes D1–D11 and the c-PSD, and publishes one feature-batch row:
/// the descriptors, the c-PSD summary, the nine properties, the spec and the provenance.
/// </summary>
public sealed class DescribeStructureConsumer(ServiceTelemetry telemetry) : IConsumer<InboundRecord>
{
    public static ServiceDefinition Definition { get; } = new("descriptor", Topics.PropertiesComputed,
        "computes the 11 physical descriptors and the pore size distribution of each solved structure and publishes them to descriptors-computed.")
    {
        Downstream = new DownstreamStage(Topics.DescriptorsComputed, "trainer"),
    };

    public Task Consume(ConsumeContext<InboundRecord> context)
    {
        var record = context.Message;
        record.RequireSchema(PropertiesBatchCodec.SchemaId);

        var properties = PropertiesBatchCodec.Decode(record.Value);
        StructureId.RequireKey(record.Key, properties.StructureId);
        VoxelBatch voxels;
        try
        {
            voxels = VoxelBatchCodec.Decode(properties.VoxelPayload);
        }
        catch (InvalidMessageException e)
        {
            throw e.Within("voxel_batch");
        }

        if (voxels.StructureId != properties.StructureId)
        {
            throw new InvalidMessageException("voxel_batch.id",
                $"\"{voxels.StructureId}\" differs from the properties' id \"{properties.StructureId}\"; the forwarded voxels are another structure's");
        }

        using var activity = telemetry.Source.StartActivity("describe structure");
        activity?.SetTag("mesostream.structure.id", properties.StructureId);
        var descriptors = DescriptorCalculator.Calculate(voxels.Grid, voxels.Particles, voxels.Spec);
        var row = DescriptorRow.From(properties, descriptors, voxels.Spec, record.Header(MessageHeaders.ProducedBy));
        record.Reply(new OutboundRecord(Topics.DescriptorsComputed, properties.StructureId, FeatureBatchCodec.Encode(row),
            ContentTypes.ArrowStream, FeatureBatchCodec.SchemaId));
        return Task.CompletedTask;
    }
}

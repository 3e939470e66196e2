using MassTransit;
using MesoStream.Contracts;
using MesoStream.Contracts.Arrow;
using MesoStream.Contracts.Messaging;
using MesoStream.Contracts.Specs;
using MesoStream.Infra.FlowControl;
using MesoStream.Infra.Hosting;
using MesoStream.Infra.Kafka;
using MesoStream.Infra.Telemetry;
using MesoStream.Solver.Properties;

namespace MesoStream.Solver.Service;

/// <summary>
/// voxel-ready → properties-computed: decodes the voxel batch (corrupt or foreign payloads, and a record whose key is
/// not the batch's id, go to the dead-letter topic), runs the six transport solves and the interfacial areas, and publishes the properties with every solve's
/// diagnostics and the voxel payload forwarded byte for byte. Replicas in one consumer group share the partitions.
/// </summary>
public sealed class SolveStructureConsumer(ServiceTelemetry telemetry) : IConsumer<InboundRecord>
{
    public static ServiceDefinition Definition { get; } = new("solver", Topics.VoxelReady,
        "computes τx,y,z, σx,y,z and the interfacial areas a01, a02, a12 of each voxel structure and publishes them to properties-computed.")
    {
        Downstream = new DownstreamStage(Topics.PropertiesComputed, "descriptor"),
    };

    public Task Consume(ConsumeContext<InboundRecord> context)
    {
        var record = context.Message;
        record.RequireSchema(VoxelBatchCodec.SchemaId);

        var voxels = VoxelBatchCodec.Decode(record.Value);
        StructureId.RequireKey(record.Key, voxels.StructureId);
        using var activity = telemetry.Source.StartActivity("solve structure");
        activity?.SetTag("mesostream.structure.id", voxels.StructureId);
        var properties = EffectivePropertiesCalculator.Calculate(voxels.Grid);
        activity?.SetTag("mesostream.solves.converged", properties.AllConverged);

        var batch = PropertiesMessage.From(voxels.StructureId, properties, record.Value);
        record.Reply(new OutboundRecord(Topics.PropertiesComputed, voxels.StructureId, PropertiesBatchCodec.Encode(batch),
            ContentTypes.ArrowStream, PropertiesBatchCodec.SchemaId));
        return Task.CompletedTask;
    }
}

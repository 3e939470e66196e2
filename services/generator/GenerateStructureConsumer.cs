using MassTransit;
using MesoStream.Contracts;
using MesoStream.Contracts.Arrow;
using MesoStream.Contracts.Messaging;
using MesoStream.Contracts.Specs;
using MesoStream.Infra.FlowControl;
using MesoStream.Infra.Hosting;
using MesoStream.Infra.Kafka;
using MesoStream.Infra.Telemetry;

namespace MesoStream.Generator.Service;

/// <summary>
/// structure-spec → voxel-ready: validates the JSON spec and that the record key is its id (a violation goes to the
/// dead-letter topic with the field named), generates the structure and publishes it as an Arrow voxel batch keyed by the structure id, with the
/// particle list and the generation statistics.
/// </summary>
public sealed class GenerateStructureConsumer(ServiceTelemetry telemetry) : IConsumer<InboundRecord>
{
    public static ServiceDefinition Definition { get; } = new("generator", Topics.StructureSpec,
        "turns each StructureSpec into a three-phase voxel structure (ellipsoids + binder) and publishes it to voxel-ready.")
    {
        Downstream = new DownstreamStage(Topics.VoxelReady, "solver"),
    };

    public Task Consume(ConsumeContext<InboundRecord> context)
    {
        var record = context.Message;
        record.RequireSchema(StructureSpec.SchemaId);

        var spec = StructureSpec.Parse(record.Value);
        StructureId.RequireKey(record.Key, spec.Id);
        using var activity = telemetry.Source.StartActivity("generate structure");
        activity?.SetTag("mesostream.structure.id", spec.Id);
        activity?.SetTag("mesostream.grid", $"{spec.Grid.Nx}x{spec.Grid.Ny}x{spec.Grid.Nz}");

        var result = StructureGenerator.Generate(spec);
        var batch = new VoxelBatch(spec.Id, result.Grid, result.Particles, spec, GenerationReport.ToJson(result.Statistics));
        record.Reply(new OutboundRecord(Topics.VoxelReady, spec.Id, VoxelBatchCodec.Encode(batch), ContentTypes.ArrowStream, VoxelBatchCodec.SchemaId));
        return Task.CompletedTask;
    }
}

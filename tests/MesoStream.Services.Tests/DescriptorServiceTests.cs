using MesoStream.Contracts.Vocabulary;
using Confluent.Kafka;
using MesoStream.Contracts;
using MesoStream.Contracts.Arrow;
using MesoStream.Contracts.Messaging;
using MesoStream.Contracts.Specs;
using MesoStream.Descriptor.Descriptors;
using MesoStream.Descriptor.Service;
using MesoStream.Generator;
using MesoStream.Infra.Broker;
using MesoStream.Infra.Hosting;
using MesoStream.Infra.Kafka;
using MesoStream.Infra.Telemetry;
using MesoStream.Testing;

namespace MesoStream.Services.Tests;

/// <summary>The descriptor service on the embedded broker: one feature row per structure, bad payloads to the dlq.</summary>
public sealed class DescriptorServiceTests : IDisposable
{
    private readonly EmbeddedKafkaBroker _broker = EmbeddedKafkaBroker.Start();

    public DescriptorServiceTests() => _broker.CreatePipelineTopics(2);

    [Fact]
    public async Task A_solved_structure_becomes_one_descriptor_row_and_a_corrupt_one_is_dead_lettered()
    {
        var spec = GeneratorPresets.Fast(4) with { Grid = new GridSpec(24, 24, 24, 1.0) };
        spec = spec with { Id = spec.ContentId() };
        var structure = StructureGenerator.Generate(spec);
        var voxels = VoxelBatchCodec.Encode(new VoxelBatch(spec.Id, structure.Grid, structure.Particles, spec));
        var properties = new PropertiesBatch(spec.Id,
            PropertiesBatchCodec.PropertyNames.Select((n, i) => (n, v: n is "porosity" or "active_fraction" ? 0.1 * i - 0.5 : 1.0 + i)).ToDictionary(x => x.n, x => x.v),
            PropertiesBatchCodec.SolveNames.Select(n => new SolveDiagnostics(n, true, 1, 10, 1e-7, 1e-5, true, 0.1)).ToList(),
            0.01, voxels);
        var corrupt = properties with { StructureId = "corrupt-voxels", VoxelPayload = voxels[..100] };
        using (var producer = new ProducerBuilder<string, byte[]>(new KafkaConnection(_broker.BootstrapServers).IdempotentProducer()).Build())
        {
            producer.Produce(Topics.PropertiesComputed, new Message<string, byte[]> { Key = "corrupt-voxels", Value = PropertiesBatchCodec.Encode(corrupt) });
            producer.Produce(Topics.PropertiesComputed, new Message<string, byte[]> { Key = spec.Id, Value = PropertiesBatchCodec.Encode(properties) });
            producer.Flush(TimeSpan.FromSeconds(30));
        }

        using var host = HopHost.Build<DescribeStructureConsumer>(new KafkaConnection(_broker.BootstrapServers),
            new HopOptions { ServiceName = "descriptor", InputTopic = Topics.PropertiesComputed, InstanceId = "test" },
            new TelemetryOptions { Console = false });
        await host.StartAsync();
        var rows = TopicProbe.ReadCommitted(_broker.BootstrapServers, Topics.DescriptorsComputed, 1, TimeSpan.FromSeconds(60));
        var dead = TopicProbe.ReadCommitted(_broker.BootstrapServers, Topics.DeadLetterOf(Topics.PropertiesComputed), 1, TimeSpan.FromSeconds(20));
        await host.StopAsync();

        var batch = FeatureBatchCodec.Decode(Assert.Single(rows).Message.Value);
        Assert.Equal([spec.Id], batch.Ids);
        var expected = DescriptorCalculator.Calculate(structure.Grid, structure.Particles, spec);
        foreach (var value in expected.Values)
        {
            Assert.Equal(value.Value!.Value, batch.Column(value.Name)[0]);
        }

        Assert.Equal(3.0, batch.Column("tau_z")[0]);
        Assert.Equal(spec, StructureSpec.Parse(batch.TextColumn("spec_json")[0]!));
        Assert.Equal("{}", batch.TextColumn("unavailable")[0]);

        var corruptRecord = Assert.Single(dead);
        Assert.Equal("corrupt-voxels", corruptRecord.Message.Key);
        Assert.StartsWith("voxel_batch.", corruptRecord.HeaderText(MessageHeaders.ErrorField));
    }

    public void Dispose() => _broker.Dispose();
}

using Confluent.Kafka;
using MesoStream.Contracts;
using MesoStream.Contracts.Arrow;
using MesoStream.Contracts.Messaging;
using MesoStream.Contracts.Specs;
using MesoStream.Descriptor.Service;
using MesoStream.Generator;
using MesoStream.Infra.Broker;
using MesoStream.Infra.Hosting;
using MesoStream.Infra.Kafka;
using MesoStream.Infra.Telemetry;
using MesoStream.Testing.Payloads;
using static MesoStream.Services.Tests.DeadLetterCorpus;

namespace MesoStream.Services.Tests;

/// <summary>
/// The descriptor over bad properties-computed records — the properties batch itself, its key and headers, and every
/// voxel-batch forgery (<see cref="VoxelBatchForgeries"/>) forwarded inside an otherwise valid properties batch — then
/// a good one: each bad record is dead-lettered once naming its field, and the good one is still described.
/// </summary>
public sealed class DescriptorBadInputTests : IDisposable
{
    private readonly EmbeddedKafkaBroker _broker = EmbeddedKafkaBroker.Start();

    public DescriptorBadInputTests() => _broker.CreatePipelineTopics(2);

    /// <summary>A properties batch of plausible values forwarding <paramref name="voxels"/>.</summary>
    private static PropertiesBatch Properties(string id, byte[] voxels, double tauX = 1.5) => new(id,
        PropertiesBatchCodec.PropertyNames.ToDictionary(n => n, n => n == "tau_x" ? tauX : n is "porosity" or "active_fraction" ? 0.4 : 2.0),
        PropertiesBatchCodec.SolveNames.Select(n => new SolveDiagnostics(n, true, 1, 10, 1e-7, 1e-5, true, 0.1)).ToList(),
        0.01, voxels);

    private static IReadOnlyList<BadRecord> Corpus()
    {
        var batch = RandomVoxelBatch.Of("forged", 16, 16, 16, seed: 5, particles: 4);
        var voxels = VoxelBatchCodec.Encode(batch);
        var valid = PropertiesBatchCodec.Encode(Properties("forged", voxels));
        ArrowForge Forge() => ArrowForge.From(valid);
        return
        [
            new BadRecord("an empty value", "empty", [], "payload", "is empty"),
            new BadRecord("random bytes", "random", Utf8(new string('x', 3000)), "payload", "is not a readable Arrow IPC stream"),
            new BadRecord("a wrong schema header", "forged", valid, $"header {MessageHeaders.Schema}", "unknown schema \"mesostream.properties-batch/9\"")
            {
                Headers = new Headers { { MessageHeaders.Schema, "mesostream.properties-batch/9"u8.ToArray() } },
            },
            new BadRecord("a voxel batch as properties", "forged", voxels, ArrowIpc.SchemaMetadataKey, "unknown schema \"mesostream.voxel-batch/2\""),
            new BadRecord("an empty id", "", PropertiesBatchCodec.Encode(Properties("", voxels)), "id", "is empty"),
            new BadRecord("a key that is not the id", "key-not-id", valid, "key", "\"key-not-id\" differs from the payload's id \"forged\""),
            new BadRecord("a NaN tortuosity", "forged", PropertiesBatchCodec.Encode(Properties("forged", voxels, double.NaN)), "tau_x", "NaN is out of range"),
            new BadRecord("a missing property", "forged", Forge().Without("sigma_x").Write(ArrowCompression.None), "sigma_x", "column is missing"),
            new BadRecord("voxels as text", "forged", Forge().With("voxel_batch", ArrowForge.String("voxels")).Write(ArrowCompression.None), "voxel_batch", "must be a binary column"),
            new BadRecord("voxels of another structure", "other", PropertiesBatchCodec.Encode(Properties("other", voxels)), "voxel_batch.id", "\"forged\" differs from the properties' id \"other\""),
            new BadRecord("truncated voxels", "forged", PropertiesBatchCodec.Encode(Properties("forged", voxels[..100])), "voxel_batch.payload", "is not a readable Arrow IPC stream"),
            .. VoxelBatchForgeries.Of(batch).Select(f => new BadRecord("forwarded: " + f.Class, "forged",
                PropertiesBatchCodec.Encode(Properties("forged", f.Payload)), "voxel_batch." + f.Field, f.Reason)),
        ];
    }

    [Fact]
    public async Task Every_class_of_bad_properties_batch_is_dead_lettered_once_naming_its_field_and_the_descriptor_goes_on()
    {
        var corpus = Corpus();
        Assert.True(corpus.Count >= 10, $"{corpus.Count} classes");
        var spec = GeneratorPresets.Fast(4) with { Grid = new GridSpec(24, 24, 24, 1.0) };
        spec = spec with { Id = spec.ContentId() };
        var structure = StructureGenerator.Generate(spec);
        var voxels = VoxelBatchCodec.Encode(new VoxelBatch(spec.Id, structure.Grid, structure.Particles, spec));
        var good = new Message<string, byte[]> { Key = spec.Id, Value = PropertiesBatchCodec.Encode(Properties(spec.Id, voxels)) };

        using var descriptor = HopHost.Build<DescribeStructureConsumer>(new KafkaConnection(_broker.BootstrapServers),
            new HopOptions { ServiceName = "descriptor", InputTopic = Topics.PropertiesComputed, InstanceId = "corpus" },
            new TelemetryOptions { Console = false });
        await RunAsync(_broker.BootstrapServers, Topics.PropertiesComputed, Topics.DescriptorsComputed, descriptor, corpus, [good]);
    }

    public void Dispose() => _broker.Dispose();
}

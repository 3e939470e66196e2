using Confluent.Kafka;
using MesoStream.Contracts;
using MesoStream.Contracts.Arrow;
using MesoStream.Contracts.Messaging;
using MesoStream.Contracts.Specs;
using MesoStream.Generator;
using MesoStream.Infra.Broker;
using MesoStream.Infra.Hosting;
using MesoStream.Infra.Kafka;
using MesoStream.Infra.Telemetry;
using MesoStream.Solver.Service;
using MesoStream.Testing.Payloads;
using static MesoStream.Services.Tests.DeadLetterCorpus;

namespace MesoStream.Services.Tests;

/// <summary>
/// The solver over every class of bad voxel-ready record we know of (the voxel-batch forgeries of
/// <see cref="VoxelBatchForgeries"/> plus what only a record can get wrong: its value, key and headers), then a good
/// structure: each bad record is dead-lettered once naming its field, and the good one is still solved.
/// </summary>
public sealed class SolverBadInputTests : IDisposable
{
    private readonly EmbeddedKafkaBroker _broker = EmbeddedKafkaBroker.Start();

    public SolverBadInputTests() => _broker.CreatePipelineTopics(2);

    private static IReadOnlyList<BadRecord> Corpus()
    {
        var batch = RandomVoxelBatch.Of("forged", 16, 16, 16, seed: 3, particles: 4);
        var valid = VoxelBatchCodec.Encode(batch);
        return
        [
            .. VoxelBatchForgeries.Of(batch).Select(f => new BadRecord(f.Class, batch.StructureId, f.Payload, f.Field, f.Reason)),
            new BadRecord("an empty value", "empty", [], "payload", "is empty"),
            new BadRecord("a null value", "null", null, "payload", "is empty"),
            new BadRecord("random bytes", "random", RandomBytes(4096), "payload", "is not a readable Arrow IPC stream"),
            new BadRecord("JSON text", "json", Utf8("{\"id\":\"forged\"}"), "payload", "is not a readable Arrow IPC stream"),
            new BadRecord("truncated Arrow", "truncated", valid[..(valid.Length / 2)], "payload", "is not a readable Arrow IPC stream"),
            new BadRecord("a wrong schema header", batch.StructureId, valid, $"header {MessageHeaders.Schema}", "unknown schema \"mesostream.voxel-batch/1\"")
            {
                Headers = new Headers { { MessageHeaders.Schema, "mesostream.voxel-batch/1"u8.ToArray() } },
            },
            new BadRecord("a key that is not the id", "key-not-id", valid, "key", "\"key-not-id\" differs from the payload's id \"forged\""),
            new BadRecord("no key", null, valid, "key", "is missing; the record key must be the structure id \"forged\""),
            new BadRecord("a claim check without a claim-check directory", batch.StructureId, [], $"header {MessageHeaders.ClaimCheck}", "without --claim-check-dir")
            {
                Headers = new Headers { { MessageHeaders.ClaimCheck, Utf8("sha256:" + new string('0', 64)) } },
            },
        ];
    }

    private static byte[] RandomBytes(int count)
    {
        var bytes = new byte[count];
        new Random(17).NextBytes(bytes);
        return bytes;
    }

    [Fact]
    public async Task Every_class_of_bad_voxel_batch_is_dead_lettered_once_naming_its_field_and_the_solver_goes_on()
    {
        var corpus = Corpus();
        Assert.True(corpus.Count >= 30, $"{corpus.Count} classes");
        var spec = GeneratorPresets.Fast(2) with { Grid = new GridSpec(20, 20, 20, 1.0) };
        spec = spec with { Id = spec.ContentId() };
        var structure = StructureGenerator.Generate(spec);
        var good = new Message<string, byte[]> { Key = spec.Id, Value = VoxelBatchCodec.Encode(new VoxelBatch(spec.Id, structure.Grid, structure.Particles, spec)) };

        using var solver = HopHost.Build<SolveStructureConsumer>(new KafkaConnection(_broker.BootstrapServers),
            new HopOptions { ServiceName = "solver", InputTopic = Topics.VoxelReady, InstanceId = "corpus" },
            new TelemetryOptions { Console = false });
        await RunAsync(_broker.BootstrapServers, Topics.VoxelReady, Topics.PropertiesComputed, solver, corpus, [good]);
    }

    public void Dispose() => _broker.Dispose();
}

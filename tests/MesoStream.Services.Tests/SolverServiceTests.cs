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
using MesoStream.Testing;
using Microsoft.Extensions.Hosting;

namespace MesoStream.Services.Tests;

/// <summary>The solver service on the embedded broker: two replicas share the partitions, corrupt voxels go to the dlq.</summary>
public sealed class SolverServiceTests : IDisposable
{
    private readonly EmbeddedKafkaBroker _broker = EmbeddedKafkaBroker.Start();

    public SolverServiceTests() => _broker.CreatePipelineTopics(4);

    [Fact]
    public async Task Two_solver_replicas_share_the_partitions_and_a_corrupt_voxel_batch_is_dead_lettered()
    {
        using var a = Solver("a");
        using var b = Solver("b");
        await Task.WhenAll(a.StartAsync(), b.StartAsync());

        // Let the group settle (both replicas joined, partitions split) before any work exists to race for.
        await Task.Delay(TimeSpan.FromSeconds(10));
        var payloads = new Dictionary<string, byte[]>();
        using (var producer = new ProducerBuilder<string, byte[]>(new KafkaConnection(_broker.BootstrapServers).IdempotentProducer()).Build())
        {
            for (var seed = 1; seed <= 8; seed++)
            {
                var spec = GeneratorPresets.Fast(seed) with { Grid = new GridSpec(20, 20, 20, 1.0) };
                spec = spec with { Id = spec.ContentId() };
                var structure = StructureGenerator.Generate(spec);
                payloads[spec.Id] = VoxelBatchCodec.Encode(new VoxelBatch(spec.Id, structure.Grid, structure.Particles, spec));
                producer.Produce(Topics.VoxelReady, new Message<string, byte[]> { Key = spec.Id, Value = payloads[spec.Id] });
            }

            producer.Produce(Topics.VoxelReady, new Message<string, byte[]> { Key = "corrupt", Value = payloads.First().Value[..200] });
            producer.Produce(Topics.VoxelReady, new Message<string, byte[]> { Key = "declares-2-gib", Value = DeclaringTwoGibibytes(payloads.First().Value) });
            producer.Flush(TimeSpan.FromSeconds(30));
        }

        var outputs = TopicProbe.ReadCommitted(_broker.BootstrapServers, Topics.PropertiesComputed, 8, TimeSpan.FromSeconds(90));
        var dead = TopicProbe.ReadCommitted(_broker.BootstrapServers, Topics.DeadLetterOf(Topics.VoxelReady), 2, TimeSpan.FromSeconds(20));
        await Task.WhenAll(a.StopAsync(), b.StopAsync());

        Assert.Equal(payloads.Keys.Order(), outputs.Select(r => r.Message.Key).Order());
        Assert.Equal(["solver-a", "solver-b"], outputs.Select(r => r.HeaderText(MessageHeaders.ProducedBy)).Distinct().Order());
        foreach (var record in outputs)
        {
            var batch = PropertiesBatchCodec.Decode(record.Message.Value);
            Assert.Equal(payloads[record.Message.Key], batch.VoxelPayload);
            Assert.All(batch.Solves, s => Assert.True(s.Converged, $"{s.Property} did not converge"));
            Assert.InRange(batch.Properties["porosity"], 0.2, 0.5);
            Assert.All(PropertiesBatchCodec.PropertyNames, n => Assert.False(double.IsNaN(batch.Properties[n]), n));
            Assert.True(batch.Properties["a01"] > 0);
        }

        // Both poison records are dead-lettered naming the payload, and the solvers went on (all 8 structures solved):
        // the one declaring 2 GiB once ended the solver with an out-of-memory error on every restart.
        Assert.Equal(["corrupt", "declares-2-gib"], dead.Select(r => r.Message.Key).Order());
        Assert.All(dead, r => Assert.Equal("payload", r.HeaderText(MessageHeaders.ErrorField)));
        Assert.Contains("declares an Arrow buffer", dead.Single(r => r.Message.Key == "declares-2-gib").HeaderText(MessageHeaders.ErrorMessage));
    }

    /// <summary>A zstd voxel batch whose labels buffer declares 2³¹−1 uncompressed bytes (the 8-byte prefix of the 20³ labels).</summary>
    private static byte[] DeclaringTwoGibibytes(byte[] payload)
    {
        var patched = (byte[])payload.Clone();
        var at = patched.AsSpan().LastIndexOf(BitConverter.GetBytes(20L * 20 * 20));
        Assert.True(at >= 0, "the labels buffer's length prefix was not found");
        BitConverter.GetBytes((long)int.MaxValue).CopyTo(patched, at);
        return patched;
    }

    private IHost Solver(string instance) =>
        HopHost.Build<SolveStructureConsumer>(new KafkaConnection(_broker.BootstrapServers),
            new HopOptions { ServiceName = "solver", InputTopic = Topics.VoxelReady, InstanceId = instance, MaxRecordsPerTransaction = 2 },
            new TelemetryOptions { Console = false });

    public void Dispose() => _broker.Dispose();
}

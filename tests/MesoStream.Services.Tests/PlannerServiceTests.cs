using System.Globalization;
using Confluent.Kafka;
using MesoStream.Contracts;
using MesoStream.Contracts.Messaging;
using MesoStream.Contracts.Models;
using MesoStream.Contracts.Specs;
using MesoStream.Generator;
using MesoStream.Infra.Broker;
using MesoStream.Infra.Hosting;
using MesoStream.Infra.Kafka;
using MesoStream.Infra.Telemetry;
using MesoStream.Planner;
using MesoStream.Planner.Service;
using MesoStream.Testing;
using MesoStream.Trainer.Benchmarking;
using MesoStream.Trainer.Dataset;
using MesoStream.Trainer.Workflow;

namespace MesoStream.Services.Tests;

/// <summary>
/// The planner service on the embedded broker: a model version becomes one batch of valid specs with their provenance
/// on structure-spec, exactly once across a restart; the next version on a larger dataset plans a fresh batch, the
/// budget caps the last one, and a corrupt artifact is dead-lettered while the planner goes on.
/// </summary>
public sealed class PlannerServiceTests : IDisposable
{
    private const int Batch = 12;
    private const int Budget = 95;

    private readonly EmbeddedKafkaBroker _broker = EmbeddedKafkaBroker.Start();

    public PlannerServiceTests() => _broker.CreatePipelineTopics(2);

    public void Dispose() => _broker.Dispose();

    private static readonly PlannerOptions Options = new(new PlannerSettings("al-service", Seed: 3, GeneratorPresets.FastGrid, Budget, Batch) { PoolSize = 5000 });

    private static ModelArtifact Model(int version, int rows) =>
        DatasetTraining.Run(SyntheticDataset.Create(rows, seed: 1), DatasetColumns.Properties, new WorkflowOptions { Models = [ModelKind.Ridge] }, version, DateTimeOffset.UnixEpoch).Artifact;

    private void Publish(ModelArtifact artifact) => Publish(ModelArtifactCodec.Encode(artifact));

    private void Publish(byte[] value) => TopicProbe.ProduceInOrder(_broker.BootstrapServers, Topics.ModelTrained,
    [
        new Message<string, byte[]>
        {
            Key = "effective-properties",
            Value = value,
            Headers = new Headers { { MessageHeaders.Schema, System.Text.Encoding.UTF8.GetBytes(ModelArtifact.SchemaId) } },
        },
    ]);

    private Microsoft.Extensions.Hosting.IHost Planner() => HopHost.Build<PlanBatchConsumer>(new KafkaConnection(_broker.BootstrapServers),
        new HopOptions { ServiceName = "planner", InputTopic = Topics.ModelTrained, InstanceId = "test", Downstream = PlanBatchConsumer.Definition.Downstream },
        new TelemetryOptions { Console = false }, services => PlannerServices.Add(services, Options));

    [Fact]
    public async Task Each_model_version_yields_one_batch_with_provenance_exactly_once_across_a_restart()
    {
        Publish(Model(1, 60));
        using (var planner = Planner())
        {
            await planner.StartAsync();
            TopicProbe.WaitUntilConsumed(_broker.BootstrapServers, "planner", Topics.ModelTrained, TimeSpan.FromSeconds(60));
            await planner.StopAsync();
        }

        var first = TopicProbe.ReadCommitted(_broker.BootstrapServers, Topics.StructureSpec, Batch, TimeSpan.FromSeconds(30), settle: TimeSpan.FromSeconds(2));
        Assert.Equal(Batch, first.Count);
        Assert.Equal(Enumerable.Range(0, Batch).Select(r => r.ToString(CultureInfo.InvariantCulture)), first.Select(r => r.HeaderText(MessageHeaders.AcquisitionRank)!).OrderBy(int.Parse));
        foreach (var record in first)
        {
            var spec = StructureSpec.Parse(record.Message.Value);
            Assert.Equal(record.Message.Key, spec.Id);
            Assert.Equal(spec.ContentId(), spec.Id);
            Assert.Equal("al-service", spec.Campaign);
            Assert.Equal(StructureSpec.SchemaId, record.HeaderText(MessageHeaders.Schema));
            Assert.Equal("1", record.HeaderText(MessageHeaders.AcquisitionModelVersion));
            Assert.True(double.Parse(record.HeaderText(MessageHeaders.AcquisitionScore)!, CultureInfo.InvariantCulture) > 0);
            Assert.StartsWith("ensemble spread of tau_x,tau_y,tau_z,sigma_x,sigma_y,sigma_z", record.HeaderText(MessageHeaders.AcquisitionMethod));
            Assert.NotNull(record.HeaderText(MessageHeaders.TraceParent));
        }

        // A restart reads nothing it has committed: no second batch for version 1. Then a corrupt record, version 2 on
        // a larger dataset (a fresh batch), a second version on that same dataset (skipped: it would plan the same
        // specs again), version 4 near the budget (a batch of what the budget leaves) twice, and version 5 at the budget.
        using (var restarted = Planner())
        {
            await restarted.StartAsync();
            Publish([0x1f, 0x8b, 0x08, 0x00]);
            Publish(Model(2, 80));
            Publish(Model(3, 80));
            Publish(Model(4, 90));
            // The trainer republishes its latest version when it restarts: the same model at a new offset, skipped.
            Publish(Model(4, 90));
            Publish(Model(5, 95));
            TopicProbe.WaitUntilConsumed(_broker.BootstrapServers, "planner", Topics.ModelTrained, TimeSpan.FromSeconds(120));
            await restarted.StopAsync();
        }

        var all = TopicProbe.ReadCommitted(_broker.BootstrapServers, Topics.StructureSpec, 2 * Batch + 5, TimeSpan.FromSeconds(30), settle: TimeSpan.FromSeconds(3));
        Assert.Equal(2 * Batch + 5, all.Count);
        Assert.Equal(all.Count, all.Select(r => r.Message.Key).Distinct().Count());
        var byVersion = all.GroupBy(r => r.HeaderText(MessageHeaders.AcquisitionModelVersion)).ToDictionary(g => g.Key!, g => g.Count());
        Assert.Equal(new Dictionary<string, int> { ["1"] = Batch, ["2"] = Batch, ["4"] = Budget - 90 }, byVersion);

        var dead = Assert.Single(TopicProbe.ReadCommitted(_broker.BootstrapServers, Topics.DeadLetterOf(Topics.ModelTrained), 1, TimeSpan.FromSeconds(30)));
        Assert.Equal("invalid-message", dead.HeaderText(MessageHeaders.ErrorType));
        Assert.Equal("artifact", dead.HeaderText(MessageHeaders.ErrorField));
    }
}

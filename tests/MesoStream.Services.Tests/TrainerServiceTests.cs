using MesoStream.Contracts.Vocabulary;
using MesoStream.Modelling.Serving;
using MesoStream.Contracts.Models;
using Confluent.Kafka;
using MesoStream.Contracts;
using MesoStream.Contracts.Arrow;
using MesoStream.Contracts.Messaging;
using MesoStream.Infra.Broker;
using MesoStream.Infra.Hosting;
using MesoStream.Infra.Kafka;
using MesoStream.Infra.Telemetry;
using MesoStream.Testing;
using MesoStream.Trainer.Benchmarking;
using MesoStream.Trainer.Dataset;
using MesoStream.Trainer.Service;
using MesoStream.Trainer.Workflow;
using Microsoft.Extensions.Hosting;

namespace MesoStream.Services.Tests;

/// <summary>
/// The trainer service on the embedded broker: the dataset fold survives duplicates, replays and a restart; a model
/// version is published when the dataset reaches its minimum and again on request; corrupt rows go to the dlq.
/// </summary>
public sealed class TrainerServiceTests : IDisposable
{
    private readonly EmbeddedKafkaBroker _broker = EmbeddedKafkaBroker.Start();
    private readonly string _data = Directory.CreateTempSubdirectory("mesostream-trainer").FullName;

    public TrainerServiceTests() => _broker.CreatePipelineTopics(2);

    [Fact]
    public async Task Folds_each_structure_once_trains_by_policy_and_on_request_and_resumes_after_a_restart()
    {
        var rows = SyntheticDataset.Create(30, seed: 3);
        Produce(rows.Take(24));
        Produce(rows.Take(6));
        TopicProbe.Produce(_broker.BootstrapServers, Topics.DescriptorsComputed, [("corrupt", "not arrow")]);

        var first = StartTrainer();
        var v1Record = Assert.Single(ReadModels(1));
        var v1 = ModelArtifactCodec.Decode(v1Record.Message.Value);
        Assert.Null(v1Record.HeaderText(MessageHeaders.ArtifactSignature));
        Assert.Equal(1, v1.Version);
        Assert.InRange(v1.DatasetRows, 20, 24);
        Assert.Equal(["ridge"], v1.Targets.Select(t => t.Model.ToString().ToLowerInvariant()).Distinct());
        var dead = Assert.Single(TopicProbe.ReadCommitted(_broker.BootstrapServers, Topics.DeadLetterOf(Topics.DescriptorsComputed), 1, TimeSpan.FromSeconds(30)));
        Assert.Equal("corrupt", dead.Message.Key);

        Produce(rows.Skip(20));
        await WaitForDurableRows(30);
        TopicProbe.Produce(_broker.BootstrapServers, Topics.TrainingRequested, [("test", """{"reason": "more data"}""")]);
        var v2 = ModelArtifactCodec.Decode(ReadModels(2)[1].Message.Value);
        Assert.Equal(2, v2.Version);
        Assert.Equal(30, v2.DatasetRows);
        Assert.Equal(TrainingDataset.ContentHashOf(rows), v2.DatasetHash);
        await first.StopAsync();
        first.Dispose();

        // A restart replays nothing twice: the dataset comes back from Parquet, the latest version is republished,
        // signed now that the trainer has an artifact key.
        Produce(rows);
        var key = "trainer-test-artifact-key"u8.ToArray();
        var second = StartTrainer(key);
        var republished = ReadModels(3);
        Assert.Equal(2, ModelArtifactCodec.Decode(republished[2].Message.Value).Version);
        ArtifactSignature.Verify(key, republished[2].Message.Value, republished[2].HeaderText(MessageHeaders.ArtifactSignature));
        Assert.Throws<InvalidMessageException>(() => ArtifactSignature.Verify("another-key"u8, republished[2].Message.Value, republished[2].HeaderText(MessageHeaders.ArtifactSignature)));
        TopicProbe.WaitUntilConsumed(_broker.BootstrapServers, "trainer", Topics.DescriptorsComputed, TimeSpan.FromSeconds(60));
        await second.StopAsync();
        second.Dispose();

        var dataset = await TrainingDataset.OpenAsync(_data);
        Assert.Equal(30, dataset.Count);
        Assert.Equal(TrainingDataset.ContentHashOf(rows), dataset.ContentHash());
        Assert.True(File.Exists(Path.Combine(_data, "models", "v0002", ModelArtifactFile.Name)));
    }

    [Fact]
    public async Task A_second_structure_under_a_known_id_is_dead_lettered_naming_it_and_a_redelivery_is_not()
    {
        var rows = SyntheticDataset.Create(3, seed: 4);
        var conflicting = new DatasetRecord { Id = rows[0].Id };
        foreach (var column in DatasetColumns.All)
        {
            column.Set(conflicting, column.Get(rows[0]));
        }

        conflicting.TauX += 1;
        Produce(rows.Take(2));
        Produce([rows[0], conflicting]);
        Produce([rows[2]], key: "not-" + rows[2].Id);
        Produce([rows[2]]);

        using var trainer = StartTrainer();
        await WaitForDurableRows(3);
        TopicProbe.WaitUntilConsumed(_broker.BootstrapServers, "trainer", Topics.DescriptorsComputed, TimeSpan.FromSeconds(60));
        await trainer.StopAsync();

        var dead = TopicProbe.ReadAll(_broker.BootstrapServers, Topics.DeadLetterOf(Topics.DescriptorsComputed), TimeSpan.FromSeconds(30))
            .ToDictionary(r => r.Message.Key, r => (Field: r.HeaderText(MessageHeaders.ErrorField), Message: r.HeaderText(MessageHeaders.ErrorMessage)));
        Assert.Equal(new[] { rows[0].Id, "not-" + rows[2].Id }.Order(), dead.Keys.Order());
        Assert.Equal("id", dead[rows[0].Id].Field);
        Assert.Contains("with other values (tau_x)", dead[rows[0].Id].Message);
        Assert.Equal("key", dead["not-" + rows[2].Id].Field);
        var dataset = await TrainingDataset.OpenAsync(_data);
        Assert.Equal(rows.Select(r => r.Id).Order(), dataset.Rows.Select(r => r.Id).Order());
        Assert.Equal(rows[0].TauX, dataset.Rows.Single(r => r.Id == rows[0].Id).TauX);
    }

    [Fact]
    public async Task Retraining_as_rows_arrive_refits_the_served_choices_until_the_dataset_has_grown_by_the_factor()
    {
        var rows = SyntheticDataset.Create(40, seed: 11);
        Produce(rows.Take(20));
        var trainer = StartTrainer(retrainEvery: 10, compareGrowth: 1.75);
        var v1 = ModelArtifactCodec.Decode(ReadModels(1)[0].Message.Value);
        Assert.Equal(20, v1.DatasetRows);
        Assert.All(v1.Targets, t => Assert.Null(t.Report.ChoicesFrom));

        // 30 < 1.75 × 20: the served choices of version 1 are refitted, nothing is compared.
        Produce(rows.Skip(20).Take(10));
        var v2 = ModelArtifactCodec.Decode(ReadModels(2)[1].Message.Value);
        Assert.Equal(30, v2.DatasetRows);
        Assert.All(v2.Targets, t => Assert.Equal(new ChoiceProvenance(1, 20), t.Report.ChoicesFrom));
        Assert.Equal(v1.Targets.Select(t => (t.Model, t.Transform)), v2.Targets.Select(t => (t.Model, t.Transform)));

        // 40 ≥ 35: a fresh comparison.
        Produce(rows.Skip(30));
        var v3 = ModelArtifactCodec.Decode(ReadModels(3)[2].Message.Value);
        Assert.Equal(40, v3.DatasetRows);
        Assert.All(v3.Targets, t => Assert.Null(t.Report.ChoicesFrom));
        await trainer.StopAsync();
        trainer.Dispose();
    }

    private IHost StartTrainer(byte[]? artifactKey = null, int retrainEvery = 1000, double compareGrowth = ComparisonSchedule.DefaultGrowth)
    {
        var options = new TrainerOptions
        {
            ArtifactKey = artifactKey,
            DataDirectory = _data,
            RetrainEvery = retrainEvery,
            CompareGrowth = compareGrowth,
            MinimumRows = 20,
            Models = [ModelKind.Ridge],
            Plots = false,
        };
        var host = HopHost.Build<FoldDescriptorsConsumer>(new KafkaConnection(_broker.BootstrapServers),
            new HopOptions { ServiceName = "trainer", InputTopic = Topics.DescriptorsComputed, InstanceId = "test" },
            new TelemetryOptions { Console = false },
            services => TrainerServices.Add(services, options));
        host.Start();
        return host;
    }

    private async Task WaitForDurableRows(int count)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(60);
        while ((await TrainingDataset.OpenAsync(_data)).Count < count)
        {
            Assert.True(DateTime.UtcNow < deadline, $"the trainer did not persist {count} structures within 60 s");
            await Task.Delay(200);
        }
    }

    private List<ConsumeResult<string, byte[]>> ReadModels(int count) =>
        TopicProbe.ReadCommitted(_broker.BootstrapServers, Topics.ModelTrained, count, TimeSpan.FromSeconds(90));

    private void Produce(IEnumerable<DatasetRecord> rows, string? key = null)
    {
        using var producer = new ProducerBuilder<string, byte[]>(new KafkaConnection(_broker.BootstrapServers).IdempotentProducer()).Build();
        foreach (var row in rows)
        {
            var batch = new FeatureBatch([row.Id], [.. DatasetColumns.All.Select(c => KeyValuePair.Create(c.Column, new[] { c.Get(row) }))]);
            producer.Produce(Topics.DescriptorsComputed, new Message<string, byte[]>
            {
                Key = key ?? row.Id,
                Value = FeatureBatchCodec.Encode(batch),
                Headers = new Headers { { MessageHeaders.Schema, System.Text.Encoding.UTF8.GetBytes(FeatureBatchCodec.SchemaId) } },
            });
        }

        producer.Flush(TimeSpan.FromSeconds(30));
    }

    public void Dispose()
    {
        _broker.Dispose();
        Directory.Delete(_data, recursive: true);
    }
}

using MesoStream.Modelling.Serving;
using MesoStream.Contracts.Models;
using System.Security.Cryptography;
using Confluent.Kafka;
using System.Text.Json;
using MesoStream.Contracts;
using MesoStream.Contracts.Specs;
using MesoStream.Descriptor.Descriptors;
using MesoStream.Generator;
using MesoStream.Generator.Campaigns;
using MesoStream.Infra.Broker;
using MesoStream.Infra.Kafka;
using MesoStream.Solver.Properties;
using MesoStream.Testing;
using MesoStream.Trainer.Dataset;

namespace MesoStream.Pipeline.Tests;

/// <summary>
/// Chaos: every service as a real process on the embedded broker, two solver replicas in one group, while each stateful
/// one — generator, a solver, descriptor, trainer and predictor — is killed with SIGKILL at work and restarted, in
/// turn: every output topic then holds each structure (and each prediction) exactly once, counted record by record
/// (the trainer's dedupe by id would hide a duplicate); the dataset holds exactly the campaign's structures, each with
/// the properties and descriptors an uninterrupted in-process computation of the same spec gives; no model version is
/// published with two different artifacts; and both solver replicas did part of the work.
/// </summary>
public sealed class CrashSafetyTests : IDisposable
{
    private readonly EmbeddedKafkaBroker _broker = EmbeddedKafkaBroker.Start();
    private readonly string _run = Directory.CreateTempSubdirectory("mesostream-crash").FullName;
    private readonly Dictionary<string, ChildProcess> _services = [];

    [Fact]
    public async Task Every_stateful_service_killed_and_restarted_loses_nothing_and_duplicates_nothing()
    {
        _broker.CreatePipelineTopics(4);
        // Structures large enough (and polls frequent enough) that the campaign outlasts several kills: at 40³ the
        // faster solver finished it between two polls.
        var specs = CampaignSampler.Sample(20, 11, SamplingDesign.Sobol, new GridSpec(56, 56, 56, 1.0), "crash");
        var requests = specs.Take(8).Select(DescriptorRow).ToList();
        foreach (var service in Victims.Append("solver-2"))
        {
            Start(service);
        }

        TopicProbe.Produce(_broker.BootstrapServers, Topics.StructureSpec, specs.Select(s => (s.Id, s.ToJson())));
        TopicProbe.Produce(_broker.BootstrapServers, Topics.PredictionRequested, requests);

        var random = new Random(5);
        var killed = new List<string>();
        var deadline = DateTime.UtcNow + TimeSpan.FromMinutes(6);
        while (await DurableRows() < specs.Count)
        {
            Assert.True(DateTime.UtcNow < deadline, $"{await DurableRows()} of {specs.Count} structures after 6 minutes; trainer: {_services["trainer"].Diagnostics()}");
            await Task.Delay(random.Next(150, 700));
            // Kills start once the generator has produced a structure (its span file is not empty), so they hit
            // processes at work, and stop before the last structures are durable.
            bool working = new FileInfo(Path.Combine(_run, "generator.jsonl")) is { Exists: true, Length: > 0 };
            if (killed.Count < 2 * Victims.Length && working && await DurableRows() < specs.Count - 2)
            {
                var victim = Victims[killed.Count % Victims.Length];
                // Every other kill of a stage lands the moment its output reaches the log: inside the produce →
                // commit window, where only the hop's read-back of its outputs prevents a duplicate.
                if (killed.Count % 2 == 1 && Outputs.TryGetValue(victim, out var output))
                {
                    WaitForNewRecord(output, TimeSpan.FromSeconds(5));
                }

                _services[victim].Dispose();
                Start(victim);
                killed.Add(victim);
            }
        }

        Assert.True(killed.Count >= Victims.Length, $"only {string.Join(", ", killed)} were killed while the campaign ran");

        // Every stage has read its input to the end, so its outputs are final: count them record by record.
        foreach (var (group, input) in new[] { ("generator", Topics.StructureSpec), ("solver", Topics.VoxelReady), ("descriptor", Topics.PropertiesComputed), ("trainer", Topics.DescriptorsComputed), ("predictor", Topics.PredictionRequested) })
        {
            TopicProbe.WaitUntilConsumed(_broker.BootstrapServers, group, input, TimeSpan.FromMinutes(2));
        }

        var ids = specs.Select(s => s.Id).Order().ToList();
        foreach (var (topic, keys) in new[] { (Topics.VoxelReady, ids), (Topics.PropertiesComputed, ids), (Topics.DescriptorsComputed, ids), (Topics.Predictions, requests.Select(r => r.Key).Order().ToList()) })
        {
            var records = TopicProbe.ReadAll(_broker.BootstrapServers, topic, TimeSpan.FromSeconds(60));
            var twice = records.GroupBy(r => r.Message.Key).Where(g => g.Count() > 1).Select(g => $"{g.Key}×{g.Count()}").ToList();
            Assert.True(twice.Count == 0, $"{topic} holds duplicates: {string.Join(", ", twice)}");
            Assert.Equal(keys, records.Select(r => r.Message.Key).Order());
        }

        foreach (var topic in Topics.Pipeline.Select(Topics.DeadLetterOf))
        {
            Assert.Empty(TopicProbe.ReadAll(_broker.BootstrapServers, topic, TimeSpan.FromSeconds(30)));
        }

        // A restarted trainer announces its latest version again; no version may stand for two different artifacts.
        var versions = TopicProbe.ReadAll(_broker.BootstrapServers, Topics.ModelTrained, TimeSpan.FromSeconds(60))
            .GroupBy(r => ModelArtifactCodec.Decode(r.Message.Value).Version).ToList();
        Assert.NotEmpty(versions);
        Assert.All(versions, v => Assert.Single(v.Select(r => Convert.ToHexString(SHA256.HashData(r.Message.Value))).Distinct()));

        var dataset = await TrainingDataset.OpenAsync(Path.Combine(_run, "trainer"));
        Assert.Equal(ids, dataset.Rows.Select(r => r.Id).Order());
        foreach (var spec in specs)
        {
            var row = dataset.Rows.Single(r => r.Id == spec.Id);
            var structure = StructureGenerator.Generate(spec);
            var properties = EffectivePropertiesCalculator.Calculate(structure.Grid);
            var descriptors = DescriptorCalculator.Calculate(structure.Grid, structure.Particles, spec).ToVector();
            double[] expected = [.. descriptors, properties.TauX, properties.TauY, properties.TauZ, properties.SigmaX, properties.SigmaY, properties.SigmaZ, properties.A01, properties.A02, properties.A12];
            double[] actual = [.. DatasetColumns.All.Select(c => c.Get(row))];
            Assert.Equal(expected, actual);
        }

        // Scale-out: each replica solved structures (the restarted solver-1 appends to the same span file).
        foreach (var solver in new[] { "solver-1", "solver-2" })
        {
            var solved = File.ReadLines(Path.Combine(_run, solver + ".jsonl")).Count(line => JsonDocument.Parse(line).RootElement.GetProperty("name").GetString() == "solve structure");
            Assert.True(solved > 0, $"{solver} solved nothing");
        }
    }

    private static readonly string[] Victims = ["generator", "solver-1", "descriptor", "trainer", "predictor"];

    private static readonly Dictionary<string, string> Outputs = new()
    {
        ["generator"] = Topics.VoxelReady,
        ["solver-1"] = Topics.PropertiesComputed,
        ["descriptor"] = Topics.DescriptorsComputed,
        ["predictor"] = Topics.Predictions,
    };

    /// <summary>Returns as soon as <paramref name="topic"/> grows (or at the deadline), polling its high watermarks.</summary>
    private void WaitForNewRecord(string topic, TimeSpan timeout)
    {
        using var consumer = new ConsumerBuilder<string, byte[]>(new KafkaConnection(_broker.BootstrapServers).Reader("watch-" + Guid.NewGuid().ToString("N"))).Build();
        var partitions = Enumerable.Range(0, 4).Select(p => new TopicPartition(topic, p)).ToList();
        long Ends() => partitions.Sum(p => consumer.QueryWatermarkOffsets(p, TimeSpan.FromSeconds(5)).High.Value);
        var before = Ends();
        var deadline = DateTime.UtcNow + timeout;
        while (Ends() == before && DateTime.UtcNow < deadline)
        {
            Thread.Sleep(2);
        }
    }

    /// <summary>A prediction request: the spec's descriptors as a descriptor row, keyed by its id.</summary>
    private static (string Key, string Value) DescriptorRow(StructureSpec spec)
    {
        var structure = StructureGenerator.Generate(spec);
        var values = DescriptorCalculator.Calculate(structure.Grid, structure.Particles, spec).ToVector();
        var row = new Dictionary<string, object> { ["id"] = "p-" + spec.Id };
        for (var d = 0; d < DatasetColumns.Descriptors.Count; d++)
        {
            row[DatasetColumns.Descriptors[d]] = values[d];
        }

        return ("p-" + spec.Id, JsonSerializer.Serialize(row));
    }

    private void Start(string instance)
    {
        var project = instance.StartsWith("solver", StringComparison.Ordinal) ? "Solver" : char.ToUpperInvariant(instance[0]) + instance[1..];
        string[] extra = instance switch
        {
            "trainer" => ["--data", Path.Combine(_run, "trainer"), "--min-rows", "10", "--retrain-every", "1000", "--models", "ridge", "--no-plots", "true"],
            "predictor" => ["--urls", "http://127.0.0.1:0"],
            _ => [],
        };
        Start(instance, project, extra);
    }

    private void Start(string instance, string project, params string[] extra) =>
        _services[instance] = ChildProcess.StartProject($"MesoStream.{project}", $"MesoStream.{project}",
            ["--bootstrap", _broker.BootstrapServers, "--instance", instance, "--records-per-txn", "2", "--trace-file", Path.Combine(_run, instance + ".jsonl"), .. extra]);

    private async Task<int> DurableRows() => (await TrainingDataset.OpenAsync(Path.Combine(_run, "trainer"))).Count;

    public void Dispose()
    {
        foreach (var service in _services.Values)
        {
            service.Dispose();
        }

        _broker.Dispose();
        Directory.Delete(_run, recursive: true);
    }
}

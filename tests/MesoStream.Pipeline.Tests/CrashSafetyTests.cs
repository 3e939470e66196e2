using System.Text.Json;
using MesoStream.Contracts;
using MesoStream.Contracts.Specs;
using MesoStream.Descriptor.Descriptors;
using MesoStream.Generator;
using MesoStream.Generator.Campaigns;
using MesoStream.Infra.Broker;
using MesoStream.Solver.Properties;
using MesoStream.Testing;
using MesoStream.Trainer.Dataset;

namespace MesoStream.Pipeline.Tests;

/// <summary>
/// The services as real processes on the embedded broker, two solver replicas in one group, while a generator, a
/// solver and a descriptor process are killed with SIGKILL at random moments and restarted: the trainer's dataset ends
/// with exactly the campaign's structures, none lost, none twice, each with the properties and descriptors an
/// uninterrupted in-process computation of the same spec gives; and both solver replicas did part of the work.
/// </summary>
public sealed class CrashSafetyTests : IDisposable
{
    private readonly EmbeddedKafkaBroker _broker = EmbeddedKafkaBroker.Start();
    private readonly string _run = Directory.CreateTempSubdirectory("mesostream-crash").FullName;
    private readonly Dictionary<string, ChildProcess> _services = [];

    [Fact]
    public async Task Killed_and_restarted_services_lose_nothing_and_duplicate_nothing()
    {
        _broker.CreatePipelineTopics(4);
        // Structures large enough (and polls frequent enough) that the campaign outlasts several kills: at 40³ the
        // faster solver finished it between two polls.
        var specs = CampaignSampler.Sample(16, 11, SamplingDesign.Sobol, new GridSpec(56, 56, 56, 1.0), "crash");
        Start("generator", "Generator");
        Start("solver-1", "Solver");
        Start("solver-2", "Solver");
        Start("descriptor", "Descriptor");
        Start("trainer", "Trainer", "--data", Path.Combine(_run, "trainer"), "--min-rows", "1000");
        TopicProbe.Produce(_broker.BootstrapServers, Topics.StructureSpec, specs.Select(s => (s.Id, s.ToJson())));

        var random = new Random(5);
        string[] victims = ["generator", "solver-1", "descriptor"];
        int kills = 0;
        var deadline = DateTime.UtcNow + TimeSpan.FromMinutes(5);
        while (await DurableRows() < specs.Count)
        {
            Assert.True(DateTime.UtcNow < deadline, $"{await DurableRows()} of {specs.Count} structures after 5 minutes; trainer: {_services["trainer"].Diagnostics()}");
            await Task.Delay(random.Next(150, 700));
            // Kills start once the generator has produced a structure (its span file is not empty), so they hit
            // processes at work, and stop before the last structures are durable.
            bool working = new FileInfo(Path.Combine(_run, "generator.jsonl")) is { Exists: true, Length: > 0 };
            if (kills < 6 && working && await DurableRows() < specs.Count - 2)
            {
                var victim = victims[random.Next(victims.Length)];
                _services[victim].Dispose();
                Start(victim, victim == "generator" ? "Generator" : victim == "descriptor" ? "Descriptor" : "Solver");
                kills++;
            }
        }

        Assert.True(kills >= 3, $"only {kills} kills landed while the campaign ran");
        var dataset = await TrainingDataset.OpenAsync(Path.Combine(_run, "trainer"));
        Assert.Equal(specs.Select(s => s.Id).Order(), dataset.Rows.Select(r => r.Id).Order());
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

using System.Text.Json;
using MesoStream.Contracts.Specs;
using MesoStream.Generator;
using MesoStream.Generator.Campaigns;
using MesoStream.Testing;
using MesoStream.Trainer.Dataset;

namespace MesoStream.Pipeline.Tests;

/// <summary>
/// `mesostream up` as a user runs it: every spec reaches descriptors-computed exactly once, a model version is trained
/// on the complete dataset, the report is written, and one trace id runs through the services for a structure.
/// </summary>
public sealed class UpCommandTests : IDisposable
{
    private readonly string _run = Directory.CreateTempSubdirectory("mesostream-up").FullName;

    [Fact]
    public async Task A_small_study_runs_end_to_end_on_the_embedded_broker()
    {
        using var up = ChildProcess.StartProject("MesoStream.Cli", "mesostream", "up", "--structures", "12", "--seed", "3", "--json", "--out", _run);
        Assert.True(up.WaitForExit(TimeSpan.FromMinutes(5)), "mesostream up did not finish within 5 minutes: " + up.Diagnostics() + "\ntrainer log:\n" + LogTail("trainer"));
        Assert.True(up.ExitCode == 0, $"exit {up.ExitCode}: {up.Diagnostics()}");

        var summary = JsonDocument.Parse(string.Join('\n', up.Stdout)).RootElement;
        Assert.Equal(12, summary.GetProperty("described").GetInt32());
        Assert.Equal(0, summary.GetProperty("dead_lettered").GetInt32());
        Assert.All(summary.GetProperty("duplicates").EnumerateObject(), d => Assert.Equal(0, d.Value.GetInt32()));
        Assert.Equal(12, summary.GetProperty("dataset_rows").GetInt32());
        var prediction = summary.GetProperty("prediction");
        Assert.Equal(summary.GetProperty("model_version").GetInt32(), prediction.GetProperty("model_version").GetInt32());
        Assert.Equal(9, prediction.GetProperty("properties").EnumerateObject().Count());

        var specs = CampaignSampler.Sample(12, 3, SamplingDesign.Sobol, GeneratorPresets.FastGrid, "up-3");
        var dataset = await TrainingDataset.OpenAsync(Path.Combine(_run, "trainer-data"));
        Assert.Equal(specs.Select(s => s.Id).Order(), dataset.Rows.Select(r => r.Id).Order());

        var report = Path.Combine(_run, "report");
        Assert.True(File.Exists(Path.Combine(report, "index.md")));
        Assert.True(File.Exists(Path.Combine(report, "dataset.csv")));
        Assert.True(File.Exists(Path.Combine(report, "figures", "tau-vs-porosity.png")));
        Assert.True(File.Exists(Path.Combine(report, "model", "parity-tau_x.png")));

        // The structure whose arrival completed the dataset triggered training, and the predictor loaded that model:
        // the structure's trace runs through all five services.
        var traceIdsPerService = Directory.EnumerateFiles(Path.Combine(_run, "traces"), "*.jsonl").ToDictionary(
            file => Path.GetFileNameWithoutExtension(file),
            file => File.ReadLines(file).Select(line => JsonDocument.Parse(line).RootElement.GetProperty("trace_id").GetString()!).ToHashSet());
        Assert.Equal(["descriptor", "generator", "predictor", "solver-1", "trainer"], traceIdsPerService.Keys.Order());
        var shared = traceIdsPerService.Values.Aggregate((a, b) => [.. a.Intersect(b)]);
        Assert.NotEmpty(shared);
    }

    public void Dispose() => Directory.Delete(_run, recursive: true);

    private string LogTail(string service)
    {
        var log = Path.Combine(_run, "logs", service + ".log");
        return File.Exists(log) ? string.Join('\n', File.ReadLines(log).TakeLast(15)) : "(no log)";
    }
}

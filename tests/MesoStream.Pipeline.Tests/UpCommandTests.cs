using System.Text.Json;
using MesoStream.Contracts.Specs;
using MesoStream.Generator;
using MesoStream.Generator.Campaigns;
using MesoStream.Testing;
using MesoStream.Trainer.Dataset;

namespace MesoStream.Pipeline.Tests;

/// <summary>
/// `mesostream up` as a user runs it: every spec reaches descriptors-computed exactly once, a model version is trained
/// on the complete dataset, the report is written, and one trace id runs through the services for a structure; the
/// same run directory grows the campaign; a stage that hangs or is killed ends the run in bounded time, naming it.
/// </summary>
public sealed class UpCommandTests : IDisposable
{
    private readonly string _run = Directory.CreateTempSubdirectory("mesostream-up").FullName;
    private readonly List<int> _suspended = [];

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
        AssertTheReportRendersInABrowser(report);

        AssertOneTraceFromTheCampaignToThePredictor();
    }

    [Fact]
    public async Task An_active_campaign_grows_by_planner_batches_to_its_budget_without_a_duplicate()
    {
        using var up = ChildProcess.StartProject("MesoStream.Cli", "mesostream", "up", "--design", "active", "--structures", "30", "--initial", "20", "--batch", "5",
            "--seed", "5", "--json", "--out", _run);
        Assert.True(up.WaitForExit(TimeSpan.FromMinutes(8)), "mesostream up --design active did not finish within 8 minutes: " + up.Diagnostics() + "\nplanner log:\n" + LogTail("planner"));
        Assert.True(up.ExitCode == 0, $"exit {up.ExitCode}: {up.Diagnostics()}");

        var summary = JsonDocument.Parse(string.Join('\n', up.Stdout)).RootElement;
        Assert.Equal(30, summary.GetProperty("described").GetInt32());
        Assert.Equal(30, summary.GetProperty("dataset_rows").GetInt32());
        Assert.All(summary.GetProperty("duplicates").EnumerateObject(), d => Assert.Equal(0, d.Value.GetInt32()));

        // The first 20 are up's own Sobol start; the other 10 the planner's, none of them a Sobol point up would have sent.
        var start = CampaignSampler.Sample(20, 5, SamplingDesign.Sobol, GeneratorPresets.FastGrid, "up-5").Select(s => s.Id).ToHashSet();
        var sobol30 = CampaignSampler.Sample(30, 5, SamplingDesign.Sobol, GeneratorPresets.FastGrid, "up-5").Select(s => s.Id).ToHashSet();
        var dataset = await TrainingDataset.OpenAsync(Path.Combine(_run, "trainer-data"));
        Assert.Superset(start, dataset.Rows.Select(r => r.Id).ToHashSet());
        var planned = dataset.Rows.Select(r => r.Id).Where(id => !start.Contains(id)).ToList();
        Assert.Equal(10, planned.Count);
        Assert.DoesNotContain(planned, sobol30.Contains);

        // Two batches of 5, from the models on 20 and 25 structures; none from the model on 30 (the budget).
        var index = File.ReadAllText(Path.Combine(_run, "report", "index.md"));
        Assert.Contains("## Active learning (`up --design active`)", index);
        Assert.Contains("10 structures came from the planner", index);
        Assert.Matches(@"\| \d+ \| 20 \| 5 \|", index);
        Assert.Matches(@"\| \d+ \| 25 \| 5 \|", index);
        Assert.Matches(@"\| \d+ \| 30 \| 0 \| — \|", index);
        Assert.True(File.Exists(Path.Combine(_run, "report", "figures", "active-learning-r2.png")));
        Assert.Contains("no batch", LogTail("planner"));
    }

    /// <summary>
    /// The self-contained index.html, opened in headless Chromium: every figure section is there and every image it
    /// embeds decodes (the page's own check writes the counts on its root element after the load event).
    /// </summary>
    private static void AssertTheReportRendersInABrowser(string report)
    {
        var html = File.ReadAllText(Path.Combine(report, "index.html"));
        foreach (var section in new[] { "This run beside the paper", "Table 1", "Tortuosity (paper Figs. 3, 4b)", "Zingg", "Fig. 9", "Fig. 13", "Per-stage latency" })
        {
            Assert.Contains(section, html);
        }

        Assert.DoesNotContain("src=\"figures/", html);
        var dom = HeadlessChromium.DumpDom(Path.Combine(report, "index.html"));
        var images = HeadlessChromium.RootAttribute(dom, "data-images");
        Assert.True(images is not null, "the page's image check did not run in Chromium: " + dom[..Math.Min(dom.Length, 400)]);
        Assert.True(int.Parse(images, System.Globalization.CultureInfo.InvariantCulture) >= 40, $"only {images} images in the report");
        Assert.Equal("0", HeadlessChromium.RootAttribute(dom, "data-broken-images"));
    }

    /// <summary>
    /// up opened one campaign span and sent every spec under it, so the whole campaign is one trace: every spec the
    /// generator processed carries its trace id, and the predictor's reading of the model leads, parent by parent,
    /// back to that span — through the trainer that trained on the structure whose arrival completed the dataset, the
    /// descriptor, the solver and the generator that handled that structure, and up's own send of its spec.
    /// </summary>
    private void AssertOneTraceFromTheCampaignToThePredictor()
    {
        var spans = Directory.EnumerateFiles(Path.Combine(_run, "traces"), "*.jsonl")
            .SelectMany(file => File.ReadLines(file).Select(line => (Process: Path.GetFileNameWithoutExtension(file), Span: JsonDocument.Parse(line).RootElement)))
            .ToList();
        Assert.Equal(["descriptor", "generator", "predictor", "solver-1", "trainer", "up"], spans.Select(s => s.Process).Distinct().Order());
        string Text((string Process, JsonElement Span) s, string field) => s.Span.GetProperty(field).GetString()!;
        var campaign = Assert.Single(spans, s => Text(s, "name") == "campaign submit");
        Assert.Equal("up", campaign.Process);
        var traceId = Text(campaign, "trace_id");

        var submitted = spans.Where(s => s.Process == "generator" && Text(s, "name") == "process structure-spec").ToList();
        Assert.Equal(12, submitted.Count);
        Assert.All(submitted, s => Assert.Equal(traceId, Text(s, "trace_id")));

        var bySpanId = spans.ToDictionary(s => Text(s, "span_id"));
        var modelLoaded = spans.First(s => s.Process == "predictor" && Text(s, "name") == "process model-trained");
        var chain = new List<(string Process, JsonElement Span)> { modelLoaded };
        while (chain[^1].Span.GetProperty("parent_span_id").GetString() is { } parent)
        {
            Assert.True(bySpanId.TryGetValue(parent, out var next), $"span {parent}, parent of {Text(chain[^1], "name")} in {chain[^1].Process}, is in no trace file");
            chain.Add(next);
        }

        Assert.Equal(campaign.Span.GetProperty("span_id").GetString(), chain[^1].Span.GetProperty("span_id").GetString());
        Assert.All(chain, s => Assert.Equal(traceId, Text(s, "trace_id")));
        Assert.Equal(["predictor", "trainer", "descriptor", "solver-1", "generator", "up"], chain.Select(s => s.Process).Distinct());
    }

    [Fact]
    public async Task A_grown_campaign_resumes_from_the_run_directory_and_computes_only_the_new_structures()
    {
        using (var first = ChildProcess.StartProject("MesoStream.Cli", "mesostream", "up", "--structures", "10", "--seed", "7", "--json", "--out", _run))
        {
            Assert.True(first.WaitForExit(TimeSpan.FromMinutes(5)), "the first run did not finish: " + first.Diagnostics());
            Assert.True(first.ExitCode == 0, $"exit {first.ExitCode}: {first.Diagnostics()}");
        }

        using var grown = ChildProcess.StartProject("MesoStream.Cli", "mesostream", "up", "--structures", "14", "--seed", "7", "--json", "--out", _run);
        Assert.True(grown.WaitForExit(TimeSpan.FromMinutes(5)), "the grown run did not finish: " + grown.Diagnostics() +
            "\ntrainer log:\n" + LogTail("trainer") + "\ndescriptor log:\n" + LogTail("descriptor"));
        Assert.True(grown.ExitCode == 0, $"exit {grown.ExitCode}: {grown.Diagnostics()}");
        var summary = JsonDocument.Parse(string.Join('\n', grown.Stdout)).RootElement;
        Assert.Equal(10, summary.GetProperty("resumed").GetInt32());
        Assert.Equal(14, summary.GetProperty("described").GetInt32());
        Assert.Equal(14, summary.GetProperty("dataset_rows").GetInt32());
        Assert.All(summary.GetProperty("duplicates").EnumerateObject(), d => Assert.Equal(0, d.Value.GetInt32()));

        var specs = CampaignSampler.Sample(14, 7, SamplingDesign.Sobol, GeneratorPresets.FastGrid, "up-7");
        var dataset = await TrainingDataset.OpenAsync(Path.Combine(_run, "trainer-data"));
        Assert.Equal(specs.Select(s => s.Id).Order(), dataset.Rows.Select(r => r.Id).Order());

        // Only the four new structures went through the generator in the second run (its span file spans both runs).
        var generatorSpans = File.ReadLines(Path.Combine(_run, "traces", "generator.jsonl"))
            .Select(line => JsonDocument.Parse(line).RootElement)
            .Count(span => span.GetProperty("name").GetString() == "generate structure");
        Assert.Equal(14, generatorSpans);

        using var shrunk = ChildProcess.StartProject("MesoStream.Cli", "mesostream", "up", "--structures", "12", "--seed", "7", "--out", _run);
        Assert.True(shrunk.WaitForExit(TimeSpan.FromMinutes(2)));
        Assert.Equal(2, shrunk.ExitCode);
        // The console wraps long messages at its width: compare with the line breaks undone.
        Assert.Contains("at least 14 structures", System.Text.RegularExpressions.Regex.Replace(string.Join(' ', shrunk.Stderr), @"\s+", " "));
    }

    [Fact]
    public void A_stage_that_hangs_ends_the_run_in_bounded_time_naming_the_stage_and_the_missing_structures()
    {
        using var up = ChildProcess.StartProject("MesoStream.Cli", "mesostream", "up", "--structures", "12", "--seed", "4",
            "--stall-timeout", "8", "--max-submissions", "2", "--out", _run);
        var solver = ServiceProcessId(up, "solver-1");
        ChildProcess.Signal(solver, stop: true);
        _suspended.Add(solver);

        Assert.True(up.WaitForExit(TimeSpan.FromMinutes(3)), "up did not give up on the hung solver: " + up.Diagnostics());
        var stderr = string.Join('\n', up.Stderr);
        Assert.True(up.ExitCode == 1, $"exit {up.ExitCode}: {stderr}");
        Assert.Contains("no structure reached a new stage for", stderr);
        Assert.Contains("not delivered by the solver service", stderr);
        Assert.Contains("resubmitting", string.Join('\n', up.Stdout) + stderr);
        Assert.Contains("giving up", stderr);
    }

    [Fact]
    public void A_stage_that_is_killed_and_not_restarted_ends_the_run_at_once_naming_it()
    {
        using var up = ChildProcess.StartProject("MesoStream.Cli", "mesostream", "up", "--structures", "40", "--seed", "5", "--out", _run);
        using (var descriptor = System.Diagnostics.Process.GetProcessById(ServiceProcessId(up, "descriptor")))
        {
            descriptor.Kill();
        }

        Assert.True(up.WaitForExit(TimeSpan.FromMinutes(2)), "up did not notice the killed descriptor: " + up.Diagnostics());
        var stderr = string.Join('\n', up.Stderr);
        Assert.True(up.ExitCode == 1, $"exit {up.ExitCode}: {stderr}");
        Assert.Contains("the descriptor service exited", stderr);
    }

    public void Dispose()
    {
        foreach (var pid in _suspended)
        {
            ChildProcess.Signal(pid, stop: false);
        }

        Directory.Delete(_run, recursive: true);
    }

    /// <summary>The pid of one of up's services, from the run directory's services.json once up has started them.</summary>
    private int ServiceProcessId(ChildProcess up, string service)
    {
        var services = Path.Combine(_run, "services.json");
        var deadline = DateTime.UtcNow + TimeSpan.FromMinutes(2);
        while (!File.Exists(services) && DateTime.UtcNow < deadline && !up.HasExited)
        {
            Thread.Sleep(50);
        }

        Assert.True(File.Exists(services), "up did not start its services: " + up.Diagnostics());
        while (true)
        {
            try
            {
                return JsonDocument.Parse(File.ReadAllText(services)).RootElement.GetProperty(service).GetInt32();
            }
            catch (JsonException) when (DateTime.UtcNow < deadline)
            {
                Thread.Sleep(50); // caught mid-write
            }
        }
    }

    private string LogTail(string service)
    {
        var log = Path.Combine(_run, "logs", service + ".log");
        return File.Exists(log) ? string.Join('\n', File.ReadLines(log).TakeLast(15)) : "(no log)";
    }
}

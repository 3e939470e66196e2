using MesoStream.Infra.Telemetry;

namespace MesoStream.Infra.Tests;

public sealed class TraceFileSummaryTests
{
    [Fact]
    public void Stage_spans_waits_and_end_to_end_latency_are_read_back_from_span_files()
    {
        var directory = Directory.CreateTempSubdirectory("mesostream-traces").FullName;
        string Line(string trace, string span, string? parent, string name, string source, double start, double duration) =>
            $$"""{"trace_id":"{{trace}}","span_id":"{{span}}","parent_span_id":{{(parent is null ? "null" : $"\"{parent}\"")}},"name":"{{name}}","kind":"Internal","source":"{{source}}","start_unix_ms":{{start}},"duration_ms":{{duration}},"status":"Unset","tags":{},"links":[]}""";
        File.WriteAllLines(Path.Combine(directory, "generator.jsonl"),
        [
            Line("t1", "a", null, "process structure-spec", "G", 1000, 100),
            Line("t1", "b", "a", "generate structure", "G", 1010, 80),
            Line("t1", "c", "a", "send voxel-ready", "G", 1095, 1),
        ]);
        File.WriteAllLines(Path.Combine(directory, "solver.jsonl"),
        [
            Line("t1", "d", "c", "process voxel-ready", "S", 1400, 500),
            Line("t1", "e", "d", "solve structure", "S", 1410, 480),
            "{\"trace_id\":\"t1\",\"span_id\":",
        ]);

        var summary = TraceFileSummary.Read(Directory.EnumerateFiles(directory, "*.jsonl"), ["generate structure", "solve structure"]);
        Directory.Delete(directory, recursive: true);

        Assert.Equal(1, summary.Traces);
        Assert.Equal(80, summary.Spans.Single(s => s.Name == "generate structure").MeanMs);
        var wait = Assert.Single(summary.Waits);
        Assert.Equal("wait before process voxel-ready", wait.Name);
        Assert.Equal(1400 - 1095, wait.MeanMs);
        Assert.Equal(900, summary.EndToEnd!.MeanMs);
        Assert.Equal(1 - 560.0 / 600, summary.MessagingShare, 1e-12);
    }
}

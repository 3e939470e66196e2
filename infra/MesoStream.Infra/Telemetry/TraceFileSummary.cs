using System.Globalization;
using System.Text;
using System.Text.Json;

namespace MesoStream.Infra.Telemetry;

/// <summary>One span read back from a <see cref="JsonLinesSpanExporter"/> file.</summary>
public sealed record SpanRecord(string TraceId, string SpanId, string? ParentSpanId, string Name, string Source, double StartMs, double DurationMs)
{
    public double EndMs => StartMs + DurationMs;
}

/// <summary>Duration statistics of the spans of one name (ms).</summary>
public sealed record SpanStatistics(string Source, string Name, int Count, double MeanMs, double P50Ms, double P95Ms, double TotalMs);

/// <summary>
/// Per-stage latency of a pipeline run from the services' JSON-lines span files: duration statistics per span name
/// (the work of each stage: "generate structure", "solve structure", …, and the "process TOPIC" spans around them),
/// and the wait of each consumed record: from its producer's <c>send</c> span starting to the consumer's
/// <c>process</c> span starting (the hop's commit interval, the broker and the queue behind other records).
/// </summary>
/// <para>
/// With <c>computeSpans</c> (the work of each stage): per structure whose spans hold all of them (see
/// <see cref="StructureOf"/>) the end-to-end latency from the first span's start to the last span's end, which includes waiting behind
/// other structures; and the messaging overhead inside the services: the share of the <c>process TOPIC</c> spans
/// (decode, handler, encode, produce) not spent in the compute spans. Queueing shows separately in the waits.
/// </para>
public sealed record TraceFileSummary(IReadOnlyList<SpanStatistics> Spans, IReadOnlyList<SpanStatistics> Waits, int Traces)
{
    /// <summary>Latency per complete trace (ms); null until <see cref="Read"/> is given compute spans.</summary>
    public SpanStatistics? EndToEnd { get; init; }

    /// <summary>1 − Σ compute / Σ process over the traces that hold every compute span (0…1).</summary>
    public double MessagingShare { get; init; } = double.NaN;

    public static TraceFileSummary Read(IEnumerable<string> files, IReadOnlyCollection<string>? computeSpans = null)
    {
        var spans = files.Where(File.Exists).SelectMany(ReadFile).ToList();
        var bySpanId = spans.ToDictionary(s => s.SpanId, s => s);
        var statistics = spans.GroupBy(s => (s.Source, s.Name))
            .Select(g => Statistics(g.Key.Source, g.Key.Name, g.Select(s => s.DurationMs)))
            .OrderBy(s => s.Source, StringComparer.Ordinal).ThenBy(s => s.Name, StringComparer.Ordinal)
            .ToList();
        var waits = spans.Where(s => s.Name.StartsWith("process ", StringComparison.Ordinal)
                && s.ParentSpanId is { } parent && bySpanId.TryGetValue(parent, out var send) && send.Name.StartsWith("send ", StringComparison.Ordinal))
            .GroupBy(s => (s.Source, s.Name))
            .Select(g => Statistics(g.Key.Source, "wait before " + g.Key.Name, g.Select(s => s.StartMs - bySpanId[s.ParentSpanId!].StartMs)))
            .OrderBy(s => s.Source, StringComparer.Ordinal)
            .ToList();
        var complete = computeSpans is { Count: > 0 }
            ? spans.Where(s => s.Name != KafkaTracing.CampaignSpanName).GroupBy(s => StructureOf(s, bySpanId))
                .Where(trace => computeSpans.All(name => trace.Any(s => s.Name == name)))
                .Select(trace =>
                {
                    var stages = trace.Where(s => !s.Name.StartsWith("send ", StringComparison.Ordinal)).ToList();
                    return (Latency: stages.Max(s => s.EndMs) - stages.Min(s => s.StartMs),
                        Compute: trace.Where(s => computeSpans.Contains(s.Name)).Sum(s => s.DurationMs),
                        Process: trace.Where(s => s.Name.StartsWith("process ", StringComparison.Ordinal)).Sum(s => s.DurationMs));
                })
                .ToList()
            : [];
        return new TraceFileSummary(statistics, waits, spans.Where(s => s.Name != KafkaTracing.CampaignSpanName).Select(s => StructureOf(s, bySpanId)).Distinct().Count())
        {
            EndToEnd = complete.Count > 0 ? Statistics("pipeline", "structure end to end", complete.Select(c => c.Latency)) : null,
            MessagingShare = complete.Count > 0 ? 1 - complete.Sum(c => c.Compute) / complete.Sum(c => c.Process) : double.NaN,
        };
    }

    /// <summary>
    /// Which structure a span belongs to: its highest ancestor below the campaign's span (a campaign submitted by
    /// <c>up</c> or <c>campaign submit</c> is one trace, each structure a subtree of its root), or the root of its
    /// trace when no campaign span is there (a spec submitted by hand starts its own trace).
    /// </summary>
    private static string StructureOf(SpanRecord span, Dictionary<string, SpanRecord> bySpanId)
    {
        var current = span;
        while (current.ParentSpanId is { } parentId && bySpanId.TryGetValue(parentId, out var parent) && parent.Name != KafkaTracing.CampaignSpanName)
        {
            current = parent;
        }

        return current.SpanId;
    }

    /// <summary>The summary as Markdown tables.</summary>
    public string ToMarkdown()
    {
        var text = new StringBuilder();
        text.AppendLine("| service | span | count | mean ms | p50 ms | p95 ms | total s |").AppendLine("|---|---|---|---|---|---|---|");
        foreach (var s in Spans.Concat(Waits).Concat(EndToEnd is null ? [] : [EndToEnd]))
        {
            text.AppendLine(CultureInfo.InvariantCulture,
                $"| {s.Source} | {s.Name} | {s.Count} | {s.MeanMs:F1} | {s.P50Ms:F1} | {s.P95Ms:F1} | {s.TotalMs / 1000:F1} |");
        }

        if (!double.IsNaN(MessagingShare))
        {
            text.AppendLine().AppendLine(CultureInfo.InvariantCulture,
                $"Messaging overhead inside the services (share of the process spans outside the compute spans): {MessagingShare:P1}. Waiting between stages is in the \"wait before\" rows.");
        }

        return text.ToString();
    }

    private static IEnumerable<SpanRecord> ReadFile(string path)
    {
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
        using var reader = new StreamReader(stream);
        while (reader.ReadLine() is { } line)
        {
            if (string.IsNullOrWhiteSpace(line))
            {
                continue;
            }

            SpanRecord? span = null;
            try
            {
                var json = JsonDocument.Parse(line).RootElement;
                span = new SpanRecord(
                    json.GetProperty("trace_id").GetString()!,
                    json.GetProperty("span_id").GetString()!,
                    json.GetProperty("parent_span_id").GetString(),
                    json.GetProperty("name").GetString()!,
                    json.GetProperty("source").GetString()!,
                    json.GetProperty("start_unix_ms").GetDouble(),
                    json.GetProperty("duration_ms").GetDouble());
            }
            catch (Exception e) when (e is JsonException or KeyNotFoundException or InvalidOperationException)
            {
                // A line cut short by a killed process: the spans before it still count.
            }

            if (span is not null)
            {
                yield return span;
            }
        }
    }

    private static SpanStatistics Statistics(string source, string name, IEnumerable<double> values)
    {
        var sorted = values.Order().ToArray();
        double At(double q) => sorted[Math.Min(sorted.Length - 1, (int)Math.Floor(q * (sorted.Length - 1) + 0.5))];
        return new SpanStatistics(source, name, sorted.Length, sorted.Average(), At(0.5), At(0.95), sorted.Sum());
    }
}

using System.Diagnostics;
using System.Text.Json;
using OpenTelemetry;

namespace MesoStream.Infra.Telemetry;

/// <summary>
/// Writes each finished span as one JSON line (trace and span ids, parent, name, kind, start, duration, status, tags,
/// links). Chosen over the console exporter when a file is given: reports read it back to compute per-stage latency,
/// and several processes can each write their own file.
/// </summary>
public sealed class JsonLinesSpanExporter : BaseExporter<Activity>
{
    private readonly StreamWriter _writer;
    private readonly Lock _gate = new();

    public JsonLinesSpanExporter(string path)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        _writer = new StreamWriter(new FileStream(path, FileMode.Append, FileAccess.Write, FileShare.ReadWrite)) { AutoFlush = false };
    }

    public override ExportResult Export(in Batch<Activity> batch)
    {
        lock (_gate)
        {
            foreach (var activity in batch)
            {
                _writer.WriteLine(JsonSerializer.Serialize(new
                {
                    trace_id = activity.TraceId.ToHexString(),
                    span_id = activity.SpanId.ToHexString(),
                    parent_span_id = activity.ParentSpanId == default ? null : activity.ParentSpanId.ToHexString(),
                    name = activity.DisplayName,
                    kind = activity.Kind.ToString(),
                    source = activity.Source.Name,
                    start_unix_ms = activity.StartTimeUtc.Subtract(DateTime.UnixEpoch).TotalMilliseconds,
                    duration_ms = activity.Duration.TotalMilliseconds,
                    status = activity.Status.ToString(),
                    tags = activity.TagObjects.ToDictionary(t => t.Key, t => t.Value?.ToString()),
                    links = activity.Links.Select(l => new { trace_id = l.Context.TraceId.ToHexString(), span_id = l.Context.SpanId.ToHexString() }),
                }));
            }

            _writer.Flush();
        }

        return ExportResult.Success;
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            lock (_gate)
            {
                _writer.Dispose();
            }
        }

        base.Dispose(disposing);
    }
}

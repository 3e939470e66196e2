using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace MesoStream.Infra.Telemetry;

/// <summary>
/// The ActivitySource and Meter of one service, both named <c>MesoStream.&lt;Service&gt;</c>, and the messaging metrics
/// every hop records: records consumed, produced and dead-lettered, handler failures, processing time, consumer lag.
/// </summary>
public sealed class ServiceTelemetry : IDisposable
{
    public const string SourcePrefix = "MesoStream.";

    private long _lag;

    public ServiceTelemetry(string serviceName)
    {
        ServiceName = serviceName;
        var name = SourcePrefix + char.ToUpperInvariant(serviceName[0]) + serviceName[1..];
        Source = new ActivitySource(name);
        Meter = new Meter(name);
        Consumed = Meter.CreateCounter<long>("messaging.client.consumed.messages", "{message}", "Records consumed");
        Produced = Meter.CreateCounter<long>("messaging.client.sent.messages", "{message}", "Records produced (committed or not)");
        DeadLettered = Meter.CreateCounter<long>("mesostream.records.dead_lettered", "{message}", "Records sent to the dead-letter topic");
        Failures = Meter.CreateCounter<long>("mesostream.handler.failures", "{failure}", "Handler attempts that threw");
        OffsetResets = Meter.CreateCounter<long>("mesostream.consumer.offset_resets", "{reset}",
            "Times the log was truncated below the consumer's position, so records were skipped unread");
        FlowPauses = Meter.CreateCounter<long>("mesostream.flow.pauses", "{pause}",
            "Times the hop paused its input because the downstream stage's backlog reached its bound");
        FlowPausedSeconds = Meter.CreateCounter<double>("mesostream.flow.paused", "s", "Time the hop's input spent paused by backpressure");
        ProcessDuration = Meter.CreateHistogram<double>("messaging.process.duration", "s", "Time to process one record");
        Meter.CreateObservableGauge("messaging.kafka.consumer.lag", () => Interlocked.Read(ref _lag), "{message}",
            "Records behind the high watermark over the assigned partitions");
    }

    public string ServiceName { get; }
    public ActivitySource Source { get; }
    public Meter Meter { get; }
    public Counter<long> Consumed { get; }
    public Counter<long> Produced { get; }
    public Counter<long> DeadLettered { get; }
    public Counter<long> Failures { get; }
    public Counter<long> OffsetResets { get; }
    public Counter<long> FlowPauses { get; }
    public Counter<double> FlowPausedSeconds { get; }
    public Histogram<double> ProcessDuration { get; }

    public void ReportLag(long lag) => Interlocked.Exchange(ref _lag, lag);

    public void Dispose()
    {
        Source.Dispose();
        Meter.Dispose();
    }
}

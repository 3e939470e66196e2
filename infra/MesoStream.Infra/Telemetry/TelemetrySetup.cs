using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace MesoStream.Infra.Telemetry;

/// <summary>Where spans and metrics go.</summary>
public sealed record TelemetryOptions
{
    /// <summary>Write spans as JSON lines to this file when no OTLP endpoint is configured.</summary>
    public string? TraceFile { get; init; }

    /// <summary>Print spans and metrics to the console when neither OTLP nor a trace file is configured.</summary>
    public bool Console { get; init; } = true;

    /// <summary>Reads <c>MESOSTREAM_TRACE_FILE</c>; OTLP itself is configured by the standard OTEL_* variables.</summary>
    public static TelemetryOptions FromEnvironment() => new()
    {
        TraceFile = Environment.GetEnvironmentVariable("MESOSTREAM_TRACE_FILE") is { Length: > 0 } file ? file : null,
    };
}

/// <summary>
/// OpenTelemetry for a MesoStream process: the service's own source and meter, MassTransit's (mediator spans nest under
/// the Kafka process span). OTLP when <c>OTEL_EXPORTER_OTLP_ENDPOINT</c> is set; otherwise a JSON-lines file, or the console.
/// </summary>
public static class TelemetrySetup
{
    /// <summary>
    /// Tracing for a command-line process (<c>up</c>, <c>campaign submit</c>): its spans go to OTLP when
    /// <c>OTEL_EXPORTER_OTLP_ENDPOINT</c> is set, else to <see cref="TelemetryOptions.TraceFile"/> if given, else
    /// nowhere — they are still created, so their context travels in the records' headers. Dispose to flush.
    /// </summary>
    public static TracerProvider StartTracing(string serviceName, TelemetryOptions options)
    {
        var tracing = Sdk.CreateTracerProviderBuilder()
            .ConfigureResource(r => r.AddService("mesostream-" + serviceName, serviceInstanceId: Environment.MachineName + "-" + Environment.ProcessId))
            .AddSource(ServiceTelemetry.SourcePrefix + "*");
        if (!string.IsNullOrEmpty(Environment.GetEnvironmentVariable("OTEL_EXPORTER_OTLP_ENDPOINT")))
        {
            tracing.AddOtlpExporter();
        }
        else if (options.TraceFile is { } file)
        {
            tracing.AddProcessor(new SimpleActivityExportProcessor(new JsonLinesSpanExporter(file)));
        }

        return tracing.Build();
    }

    public static IServiceCollection AddMesoStreamTelemetry(this IServiceCollection services, string serviceName, TelemetryOptions options)
    {
        var otlp = !string.IsNullOrEmpty(Environment.GetEnvironmentVariable("OTEL_EXPORTER_OTLP_ENDPOINT"));
        services.AddOpenTelemetry()
            .ConfigureResource(r => r.AddService("mesostream-" + serviceName, serviceInstanceId: Environment.MachineName + "-" + Environment.ProcessId))
            .WithTracing(tracing =>
            {
                tracing.AddSource(ServiceTelemetry.SourcePrefix + "*", "MassTransit");
                if (otlp)
                {
                    tracing.AddOtlpExporter();
                }
                else if (options.TraceFile is { } file)
                {
                    tracing.AddProcessor(new SimpleActivityExportProcessor(new JsonLinesSpanExporter(file)));
                }
                else if (options.Console)
                {
                    tracing.AddConsoleExporter();
                }
            })
            .WithMetrics(metrics =>
            {
                metrics.AddMeter(ServiceTelemetry.SourcePrefix + "*", "MassTransit");
                if (otlp)
                {
                    metrics.AddOtlpExporter();
                }
                else if (options.TraceFile is null && options.Console)
                {
                    metrics.AddConsoleExporter((_, reader) => reader.PeriodicExportingMetricReaderOptions.ExportIntervalMilliseconds = 60_000);
                }
            });
        return services;
    }
}

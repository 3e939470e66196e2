using MassTransit;
using MesoStream.Contracts.Messaging;
using MesoStream.Infra.Kafka;
using MesoStream.Infra.Telemetry;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace MesoStream.Infra.Hosting;

/// <summary>
/// Builds the process of one pipeline service: a generic host whose only job is one transactional hop, the service's
/// MassTransit consumer behind the mediator (its consume pipeline: <see cref="HopPipeline"/>), OpenTelemetry, and logs on stderr (stdout stays free for the console span exporter and tools).
/// </summary>
public static class HopHost
{
    public static IHost Build<TConsumer>(
        KafkaConnection connection,
        HopOptions options,
        TelemetryOptions telemetry,
        Action<IServiceCollection>? configureServices = null)
        where TConsumer : class, IConsumer<InboundRecord>
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        Configure<TConsumer>(builder, connection, options, telemetry);
        configureServices?.Invoke(builder.Services);
        return builder.Build();
    }

    /// <summary>
    /// Adds the hop to any host builder; a service that also serves HTTP passes its <c>WebApplicationBuilder</c>, so
    /// the Kafka consumers and the endpoints share one process, one DI container and one shutdown.
    /// </summary>
    public static void Configure<TConsumer>(IHostApplicationBuilder builder, KafkaConnection connection, HopOptions options, TelemetryOptions telemetry)
        where TConsumer : class, IConsumer<InboundRecord>
    {
        builder.Logging.AddSimpleConsole(o => o.SingleLine = true).AddFilter("MassTransit", LogLevel.Warning);
        builder.Logging.Services.Configure<Microsoft.Extensions.Logging.Console.ConsoleLoggerOptions>(o => o.LogToStandardErrorThreshold = LogLevel.Trace);
        builder.Services.Configure<HostOptions>(o => o.ShutdownTimeout = options.BrokerTimeout * 2);
        builder.Services.AddSingleton(connection);
        builder.Services.AddSingleton(options);
        builder.Services.AddSingleton(_ => new ServiceTelemetry(options.ServiceName));
        builder.Services.AddMesoStreamTelemetry(options.ServiceName, telemetry);
        builder.Services.AddMediator(cfg =>
        {
            HopPipeline.Add<TConsumer>(cfg, options.MaxAttempts);
        });
        builder.Services.AddHostedService<HopWorker>();
    }
}

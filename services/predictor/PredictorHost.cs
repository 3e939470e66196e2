using MesoStream.Infra.Hosting;
using MesoStream.Infra.Kafka;
using MesoStream.Infra.Telemetry;
using MesoStream.Contracts.Predictions;
using MesoStream.Predictor.Serving;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace MesoStream.Predictor.Service;

/// <summary>
/// The predictor's process: a web application (Kestrel on <c>--urls</c>) that also hosts the prediction-requested hop
/// and the model-trained listener, so HTTP and Kafka answer from the same <see cref="ModelHolder"/>.
/// </summary>
public static class PredictorHost
{
    public static WebApplication Build(ServiceCommandLine line) =>
        Build(line.Connection, line.Options, line.Telemetry, PredictorOptions.From(line.Config));

    public static WebApplication Build(KafkaConnection connection, HopOptions options, TelemetryOptions telemetry, PredictorOptions predictor)
    {
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { Args = [] });
        builder.WebHost.UseUrls(predictor.Urls);
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Limits.MaxRequestBodySize = PredictionLimits.MaxBodyBytes);
        HopHost.Configure<PredictRequestConsumer>(builder, connection, options, telemetry);
        // One line per request at information level would drown the service's own log; failures still show.
        builder.Logging.AddFilter("Microsoft.AspNetCore", LogLevel.Warning);
        builder.Services.AddSingleton(predictor);
        builder.Services.AddSingleton<ModelHolder>();
        builder.Services.AddSingleton<SpecAdmission>();
        builder.Services.AddSingleton<IHopStartGate, FirstModelGate>();
        builder.Services.AddHostedService<ModelListener>();
        builder.Services.AddProblemDetails();
        builder.Services.AddHealthChecks().AddCheck<ModelReadinessCheck>("model", tags: [ModelReadinessCheck.Tag]);
        var app = builder.Build();
        if (predictor.ApiKey is { } key)
        {
            app.Use(new ApiKeyAuthentication(key).InvokeAsync);
        }

        PredictorEndpoints.Map(app);
        return app;
    }
}

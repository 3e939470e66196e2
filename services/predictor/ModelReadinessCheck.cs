using MesoStream.Predictor.Serving;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace MesoStream.Predictor.Service;

/// <summary>Ready once a model is loaded: before that every prediction would be refused, so a load balancer should wait.</summary>
public sealed class ModelReadinessCheck(ModelHolder models) : IHealthCheck
{
    public const string Tag = "ready";

    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        Task.FromResult(models.Current is { } model
            ? HealthCheckResult.Healthy($"serving model version {model.Version}")
            : HealthCheckResult.Unhealthy("no model loaded yet: waiting for model-trained"));
}

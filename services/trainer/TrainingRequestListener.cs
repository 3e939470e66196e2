using System.Diagnostics;
using MesoStream.Contracts;
using MesoStream.Contracts.Messaging;
using MesoStream.Infra.Kafka;
using MesoStream.Infra.Telemetry;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace MesoStream.Trainer.Service;

/// <summary>
/// Retraining on demand: reads training-requested (<c>mesostream retrain</c> and <c>up</c> write it) in its own
/// consumer group through the shared <see cref="RecordListener"/> and hands each request to the
/// <see cref="RetrainingPolicy"/>, continuing the request's trace. A request is committed once handed over; requests
/// that arrive while a run is pending coalesce (<see cref="TrainingRequest"/> for the value). A request that does not
/// parse is dead-lettered to training-requested.dlq.
/// </summary>
public sealed class TrainingRequestListener(
    KafkaConnection connection,
    HopOptions hop,
    RetrainingPolicy policy,
    ServiceTelemetry telemetry,
    ILogger<TrainingRequestListener> logger) : BackgroundService
{
    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        new RecordListener(connection, new ListenerOptions
        {
            Name = $"{hop.TransactionalId}/requests",
            Topics = [Topics.TrainingRequested],
            ConsumerGroup = hop.ConsumerGroup + "-requests",
            BrokerTimeout = hop.BrokerTimeout,
        }, telemetry, logger).Start(Request, stoppingToken);

    private void Request(InboundRecord record)
    {
        var reason = TrainingRequest.Read(record.Value).Reason;
        logger.LogInformation("trainer: retraining requested by {Key}: {Reason}", record.Key, reason);
        policy.Request(reason, Activity.Current?.Context ?? default);
    }
}

using Confluent.Kafka;
using MesoStream.Contracts;
using MesoStream.Contracts.Messaging;
using MesoStream.Infra.Hosting;
using MesoStream.Infra.Kafka;
using MesoStream.Infra.Telemetry;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace MesoStream.Trainer.Service;

/// <summary>
/// Retraining on demand: reads training-requested (<c>mesostream retrain</c> writes it) in its own consumer group and
/// hands each request to the <see cref="RetrainingPolicy"/>. A request is committed once handed over; requests that
/// arrive while a run is pending coalesce (<see cref="TrainingRequest"/> for the value).
/// </summary>
public sealed class TrainingRequestListener(
    KafkaConnection connection,
    HopOptions hop,
    RetrainingPolicy policy,
    ServiceTelemetry telemetry,
    ILogger<TrainingRequestListener> logger) : BackgroundService
{
    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        Task.Factory.StartNew(() =>
        {
            using var consumer = new ConsumerBuilder<string, byte[]>(connection.Reader(hop.ConsumerGroup + "-requests")).Build();
            consumer.Subscribe(Topics.TrainingRequested);
            try
            {
                while (!stoppingToken.IsCancellationRequested)
                {
                    var record = consumer.Consume(stoppingToken);
                    using var activity = KafkaTracing.StartProcess(telemetry.Source, record, hop.ConsumerGroup + "-requests");
                    var reason = TrainingRequest.Read(record.Message.Value ?? []).Reason;
                    logger.LogInformation("trainer: retraining requested by {Key}: {Reason}", record.Message.Key, reason);
                    policy.Request(reason, activity?.Context ?? default);
                    consumer.Commit(record);
                }
            }
            catch (OperationCanceledException)
            {
                consumer.Close();
            }
        }, CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default);
}

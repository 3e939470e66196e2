using MassTransit.Mediator;
using MesoStream.Infra.Kafka;
using MesoStream.Infra.Telemetry;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace MesoStream.Infra.Hosting;

/// <summary>
/// Hosts a <see cref="TransactionalHop"/> on a dedicated thread, once every <see cref="IHopStartGate"/> has opened. A fatal Kafka error (fenced producer, unrecoverable
/// transaction state) stops the process with exit code 1, so a supervisor restarts it; stopping the host drains the hop.
/// </summary>
internal sealed class HopWorker(
    KafkaConnection connection,
    HopOptions options,
    IMediator mediator,
    ServiceTelemetry telemetry,
    IEnumerable<ICommitParticipant> participants,
    IEnumerable<IHopStartGate> gates,
    IHostApplicationLifetime lifetime,
    ILogger<HopWorker> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            foreach (var gate in gates)
            {
                await gate.WaitAsync(stoppingToken);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            return;
        }

        await Task.Factory.StartNew(() =>
        {
            try
            {
                using var hop = new TransactionalHop(connection, options, mediator, telemetry, logger, [.. participants]);
                hop.Run(stoppingToken);
                logger.LogInformation("{Service}: stopped after {Count} committed records", options.ServiceName, hop.CommittedRecords);
            }
            catch (Exception e)
            {
                logger.LogCritical(e, "{Service}: fatal error, stopping", options.ServiceName);
                Environment.ExitCode = 1;
                lifetime.StopApplication();
            }
        }, CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default);
    }
}

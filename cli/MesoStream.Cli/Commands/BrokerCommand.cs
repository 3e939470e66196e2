using System.ComponentModel;
using System.Runtime.InteropServices;
using MesoStream.Contracts;
using MesoStream.Infra.Broker;
using MesoStream.Infra.Kafka;
using Spectre.Console;
using Spectre.Console.Cli;

namespace MesoStream.Cli.Commands;

internal sealed class BrokerCommand : Command<BrokerCommand.Settings>
{
    public sealed class Settings : CommandSettings
    {
        [CommandOption("--port <N>")]
        [Description("Port to listen on (127.0.0.1). 0 picks a free one.")]
        [DefaultValue(0)]
        public int Port { get; init; }

        [CommandOption("--partitions <P>")]
        [Description("Partitions of every topic (the same everywhere, so a structure keeps its partition index end to end). The embedded broker keeps 5 MiB per partition.")]
        [DefaultValue(8)]
        public int Partitions { get; init; }

        public override ValidationResult Validate() =>
            Port is < 0 or > 65535 ? ValidationResult.Error($"--port {Port} is out of range: allowed [0, 65535]")
            : Partitions is < 1 or > 256 ? ValidationResult.Error($"--partitions {Partitions} is out of range: allowed [1, 256]")
            : ValidationResult.Success();
    }

    public override int Execute(CommandContext context, Settings settings, CancellationToken cancellationToken)
    {
        using var broker = EmbeddedKafkaBroker.Start(settings.Port);
        broker.CreatePipelineTopics(settings.Partitions);
        using var stop = new ManualResetEventSlim();
        using var sigint = PosixSignalRegistration.Create(PosixSignal.SIGINT, c => { c.Cancel = true; stop.Set(); });
        using var sigterm = PosixSignalRegistration.Create(PosixSignal.SIGTERM, c => { c.Cancel = true; stop.Set(); });

        Console.Out.WriteLine(broker.BootstrapServers);
        Console.Out.Flush();
        Console.Error.WriteLine($"embedded Kafka broker (librdkafka mock cluster) at {broker.BootstrapServers}: " +
            $"{Topics.All.Count} topics × {settings.Partitions} partitions, max message {KafkaDefaults.MaxMessageBytes / (1024 * 1024)} MiB, " +
            $"each partition keeps its newest 5 MiB. Ctrl+C stops it.");
        stop.Wait(cancellationToken);
        return CliExit.Ok;
    }
}

using System.ComponentModel;
using MesoStream.Infra.Kafka;
using Spectre.Console;
using Spectre.Console.Cli;

namespace MesoStream.Cli.Commands;

internal sealed class TopicsCreateCommand : AsyncCommand<TopicsCreateCommand.Settings>
{
    public sealed class Settings : KafkaSettings
    {
        [CommandOption("--partitions <P>")]
        [Description("Partitions of every topic.")]
        [DefaultValue(6)]
        public int Partitions { get; init; }

        [CommandOption("--replication <R>")]
        [Description("Replication factor of every topic.")]
        [DefaultValue((short)3)]
        public short Replication { get; init; }

        public override ValidationResult Validate() =>
            Partitions < 1 ? ValidationResult.Error($"--partitions {Partitions} must be ≥ 1")
            : Replication < 1 ? ValidationResult.Error($"--replication {Replication} must be ≥ 1")
            : base.Validate();
    }

    public override async Task<int> ExecuteAsync(CommandContext context, Settings settings, CancellationToken cancellationToken)
    {
        var lines = await TopicProvisioner.CreateAsync(settings.Connection(), settings.Partitions, settings.Replication, cancellationToken);
        foreach (var line in lines)
        {
            AnsiConsole.WriteLine(line);
        }

        return CliExit.Ok;
    }
}

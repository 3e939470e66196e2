using System.ComponentModel;
using System.Text.Json;
using MesoStream.Contracts;
using MesoStream.Contracts.Messaging;
using MesoStream.Infra.Kafka;
using MesoStream.Infra.Telemetry;
using Spectre.Console;
using Spectre.Console.Cli;

namespace MesoStream.Cli.Commands;

/// <summary>Asks the trainer service to retrain now (a training-requested record), whatever its every-N policy says.</summary>
internal sealed class RetrainCommand : AsyncCommand<RetrainCommand.Settings>
{
    public sealed class Settings : KafkaSettings
    {
        [CommandOption("--reason <TEXT>")]
        [Description("Why; it appears in the trainer's log and trace.")]
        [DefaultValue("requested from the command line")]
        public string Reason { get; init; } = "requested from the command line";

        [CommandOption("--json")]
        [Description("Print where the request landed as JSON.")]
        public bool Json { get; init; }
    }

    public override async Task<int> ExecuteAsync(CommandContext context, Settings settings, CancellationToken cancellationToken)
    {
        using var telemetry = new ServiceTelemetry("cli");
        using var publisher = new EventPublisher(settings.Connection(), telemetry, $"mesostream-cli/{Environment.MachineName}");
        var landed = await publisher.PublishAsync(
            new OutboundRecord(Topics.TrainingRequested, Environment.UserName, new TrainingRequest(settings.Reason).ToJsonBytes(), ContentTypes.Json, TrainingRequest.SchemaId), cancellationToken);
        if (settings.Json)
        {
            Console.WriteLine(JsonSerializer.Serialize(new { topic = landed.Topic, partition = landed.Partition.Value, offset = landed.Offset.Value }, CliJson.Options));
        }
        else
        {
            AnsiConsole.MarkupLineInterpolated($"retraining requested: {landed.Topic} [[{landed.Partition.Value}]] @ {landed.Offset.Value}; the trainer logs and publishes the new version to {Topics.ModelTrained}");
        }

        return CliExit.Ok;
    }
}

using System.ComponentModel;
using MesoStream.Infra.Kafka;
using Spectre.Console;
using Spectre.Console.Cli;

namespace MesoStream.Cli.Commands;

/// <summary>Options every verb that talks to Kafka shares.</summary>
internal class KafkaSettings : CommandSettings
{
    [CommandOption("-b|--bootstrap <SERVERS>")]
    [Description("Kafka bootstrap servers, host:port[[,host:port…]].")]
    public string Bootstrap { get; init; } = string.Empty;

    [CommandOption("--kafka-config <KEY=VALUE>")]
    [Description("Extra librdkafka client property (repeatable), e.g. security.protocol=SASL_SSL.")]
    public string[] KafkaConfig { get; init; } = [];

    public KafkaConnection Connection() => new(Bootstrap, KafkaConnection.ParseProperties(KafkaConfig));

    public override ValidationResult Validate() =>
        string.IsNullOrWhiteSpace(Bootstrap) ? ValidationResult.Error("--bootstrap is required (e.g. 127.0.0.1:9092)") : ValidationResult.Success();
}

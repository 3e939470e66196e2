using System.Text;
using Confluent.Kafka;
using MesoStream.Contracts;
using MesoStream.Contracts.Messaging;
using MesoStream.Contracts.Specs;
using MesoStream.Infra.Kafka;

namespace MesoStream.Cli.Pipeline;

/// <summary>Publishes structure specs to structure-spec (key = content id) with an idempotent producer; every one is acknowledged or an error names the first failure.</summary>
internal static class SpecSubmission
{
    public static void Publish(KafkaConnection connection, IReadOnlyList<StructureSpec> specs, Action onEach, CancellationToken cancellationToken)
    {
        using var producer = new ProducerBuilder<string, byte[]>(connection.IdempotentProducer()).Build();
        var failures = new List<string>();
        foreach (var spec in specs)
        {
            producer.Produce(Topics.StructureSpec, new Message<string, byte[]>
            {
                Key = spec.Id,
                Value = Encoding.UTF8.GetBytes(spec.ToJson()),
                Headers = new Headers
                {
                    { MessageHeaders.ContentType, Encoding.UTF8.GetBytes(ContentTypes.Json) },
                    { MessageHeaders.Schema, Encoding.UTF8.GetBytes(StructureSpec.SchemaId) },
                },
            }, report =>
            {
                if (report.Error.IsError)
                {
                    lock (failures)
                    {
                        failures.Add($"{report.Message.Key}: {report.Error.Reason}");
                    }
                }
            });
            onEach();
        }

        producer.Flush(cancellationToken);
        if (failures.Count > 0)
        {
            throw new InvalidOperationException($"{failures.Count} specs were not delivered, e.g. {failures[0]}");
        }
    }
}

namespace MesoStream.Infra.Telemetry;

/// <summary>
/// Attribute names of the OpenTelemetry messaging semantic conventions (messaging-spans.md, kafka.md). The old names
/// (messaging.operation, messaging.kafka.consumer.group, messaging.kafka.message.offset) are gone from the spec.
/// </summary>
public static class MessagingConventions
{
    public const string System = "messaging.system";
    public const string OperationName = "messaging.operation.name";
    public const string OperationType = "messaging.operation.type";
    public const string DestinationName = "messaging.destination.name";
    public const string PartitionId = "messaging.destination.partition.id";
    public const string ConsumerGroup = "messaging.consumer.group.name";
    public const string KafkaOffset = "messaging.kafka.offset";
    public const string KafkaMessageKey = "messaging.kafka.message.key";
    public const string BodySize = "messaging.message.body.size";
    public const string ErrorType = "error.type";
    public const string Kafka = "kafka";
}

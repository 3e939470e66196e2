using Confluent.Kafka;

namespace MesoStream.Infra.Kafka;

/// <summary>
/// Where the cluster is and how to talk to it: the bootstrap list plus any librdkafka properties a production cluster
/// needs (security.protocol, sasl.*, ssl.*), passed through unchanged. Builds every client configuration the pipeline
/// uses, so large-message limits, idempotence and isolation are set once, the same for every service.
/// </summary>
public sealed record KafkaConnection(string BootstrapServers, IReadOnlyDictionary<string, string>? Properties = null)
{
    /// <summary>Largest message produced or fetched; must not exceed the topics' max.message.bytes on a real cluster.</summary>
    public int MaxMessageBytes { get; init; } = KafkaDefaults.MaxMessageBytes;

    /// <summary>Parses <c>key=value</c> pairs (from <c>--kafka-config</c>) into client properties.</summary>
    public static IReadOnlyDictionary<string, string> ParseProperties(IEnumerable<string> pairs)
    {
        var properties = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var pair in pairs)
        {
            var eq = pair.IndexOf('=', StringComparison.Ordinal);
            if (eq <= 0)
            {
                throw new ArgumentException($"--kafka-config expects key=value, got \"{pair}\"");
            }

            properties[pair[..eq].Trim()] = pair[(eq + 1)..].Trim();
        }

        return properties;
    }

    /// <summary>A transactional (hence idempotent, acks=all) producer for one consume-transform-produce hop.</summary>
    public ProducerConfig TransactionalProducer(string transactionalId, TimeSpan transactionTimeout) =>
        Apply(new ProducerConfig
        {
            BootstrapServers = BootstrapServers,
            TransactionalId = transactionalId,
            EnableIdempotence = true,
            Acks = Acks.All,
            TransactionTimeoutMs = (int)transactionTimeout.TotalMilliseconds,
            MessageMaxBytes = MaxMessageBytes,
            CompressionType = CompressionType.None,
            LingerMs = 5,
        });

    /// <summary>An idempotent producer for sources (campaign submission, CLI tools).</summary>
    public ProducerConfig IdempotentProducer() =>
        Apply(new ProducerConfig
        {
            BootstrapServers = BootstrapServers,
            EnableIdempotence = true,
            Acks = Acks.All,
            MessageMaxBytes = MaxMessageBytes,
            CompressionType = CompressionType.None,
        });

    /// <summary>
    /// A consumer whose offsets travel inside the producer's transactions: no auto-commit, read_committed,
    /// cooperative-sticky assignment, fetch limits raised for voxel batches, a poll interval that outlasts a slow solve.
    /// </summary>
    public ConsumerConfig TransactionalConsumer(string groupId, TimeSpan maxPollInterval) =>
        Apply(new ConsumerConfig
        {
            BootstrapServers = BootstrapServers,
            GroupId = groupId,
            EnableAutoCommit = false,
            EnableAutoOffsetStore = false,
            IsolationLevel = IsolationLevel.ReadCommitted,
            AutoOffsetReset = AutoOffsetReset.Earliest,
            PartitionAssignmentStrategy = PartitionAssignmentStrategy.CooperativeSticky,
            MaxPollIntervalMs = (int)maxPollInterval.TotalMilliseconds,
            SessionTimeoutMs = 10_000,
            HeartbeatIntervalMs = 1_000,
            FetchMaxBytes = MaxMessageBytes,
            MaxPartitionFetchBytes = MaxMessageBytes,
            ReceiveMessageMaxBytes = MaxMessageBytes + 1_000_000,
        });

    /// <summary>A plain read_committed consumer for tools and tests that read a topic without a group's offsets.</summary>
    public ConsumerConfig Reader(string groupId) =>
        Apply(new ConsumerConfig
        {
            BootstrapServers = BootstrapServers,
            GroupId = groupId,
            EnableAutoCommit = false,
            IsolationLevel = IsolationLevel.ReadCommitted,
            AutoOffsetReset = AutoOffsetReset.Earliest,
            FetchMaxBytes = MaxMessageBytes,
            MaxPartitionFetchBytes = MaxMessageBytes,
            ReceiveMessageMaxBytes = MaxMessageBytes + 1_000_000,
        });

    public AdminClientConfig Admin() => Apply(new AdminClientConfig { BootstrapServers = BootstrapServers });

    private T Apply<T>(T config) where T : ClientConfig
    {
        foreach (var (key, value) in Properties ?? new Dictionary<string, string>())
        {
            config.Set(key, value);
        }

        return config;
    }

    public override string ToString() => BootstrapServers;
}

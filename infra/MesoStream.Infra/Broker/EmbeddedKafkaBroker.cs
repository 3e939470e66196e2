using MesoStream.Contracts;
using MesoStream.Infra.Kafka;

namespace MesoStream.Infra.Broker;

/// <summary>
/// An in-memory Kafka cluster speaking the real wire protocol on real TCP sockets: librdkafka's mock cluster
/// (docs/kafka.md), hosted in this process. Clients anywhere on the machine (C#, kcat, Python) connect to
/// <see cref="BootstrapServers"/>. It supports consumer groups, idempotent and transactional producers; it does not
/// support the Admin API's CreateTopics, so the host creates topics itself (<see cref="CreateTopic"/>).
/// <para>
/// Its log is bounded: librdkafka's mock keeps at most 5 MiB (and 100 000 batches) per partition, hard-coded, and
/// drops the oldest beyond that, read or not. Every stage is therefore flow-controlled (FlowControl/): no stage runs
/// further ahead of its consumer than that; a loss that happens anyway is reported as a log-truncated dead letter. It also
/// does not hide aborted transactions or store transactional offsets (EmbeddedBrokerTransactionTests).
/// </para>
/// </summary>
public sealed class EmbeddedKafkaBroker : IDisposable
{
    /// <summary>What the mock keeps per partition (rdkafka_mock.c, <c>mpart->max_size</c>).</summary>
    public const long RetainedBytesPerPartition = 5L * 1024 * 1024;

    /// <summary>The largest record value that survives on the mock: its 5 MiB less room for the batch framing, key and headers.</summary>
    public const int MaxRetainedRecordBytes = 5 * 1024 * 1024 - 128 * 1024;

    /// <summary>
    /// A topic only the embedded broker has: any client that sees it in the metadata knows it talks to the mock and
    /// must keep records under <see cref="MaxRetainedRecordBytes"/> (a larger one, and the one after it, would vanish),
    /// so services started by hand against <c>mesostream broker</c> enforce the limit without being told.
    /// </summary>
    public const string MarkerTopic = "__mesostream.embedded-broker";

    private const int BrokerId = 1;
    private readonly nint _handle;
    private readonly nint _cluster;
    private readonly BrokerPortForwarder? _forwarder;
    private bool _disposed;

    private EmbeddedKafkaBroker(nint handle, nint cluster, string bootstrap, BrokerPortForwarder? forwarder)
    {
        _handle = handle;
        _cluster = cluster;
        BootstrapServers = bootstrap;
        _forwarder = forwarder;
    }

    /// <summary>The address clients connect to, e.g. <c>127.0.0.1:39092</c>.</summary>
    public string BootstrapServers { get; }

    /// <summary>
    /// Starts a one-broker mock cluster. With <paramref name="port"/> 0 the broker listens on an ephemeral port;
    /// otherwise a forwarder listens on that port and the broker advertises it, so clients find it at a fixed address.
    /// </summary>
    /// <param name="maxMessageBytes">Largest record batch the broker accepts (voxel batches exceed Kafka's 1 MB default).</param>
    public static EmbeddedKafkaBroker Start(int port = 0, int maxMessageBytes = KafkaDefaults.MaxMessageBytes)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(port);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(port, 65535);
        var conf = LibRdKafka.ConfNew();
        LibRdKafka.ConfSet(conf, "client.id", "mesostream-embedded-broker");
        LibRdKafka.ConfSet(conf, "log_level", "3");
        LibRdKafka.ConfSet(conf, "message.max.bytes", maxMessageBytes.ToString(System.Globalization.CultureInfo.InvariantCulture));
        var handle = LibRdKafka.NewProducer(conf);
        var cluster = LibRdKafka.MockClusterNew(handle, 1);
        if (cluster == 0)
        {
            LibRdKafka.Destroy(handle);
            throw new InvalidOperationException("librdkafka could not create a mock cluster");
        }

        var marked = LibRdKafka.MockTopicCreate(cluster, MarkerTopic, 1, 1);
        if (marked != 0)
        {
            LibRdKafka.MockClusterDestroy(cluster);
            LibRdKafka.Destroy(handle);
            throw new InvalidOperationException($"creating topic {MarkerTopic} failed: {LibRdKafka.ErrorName(marked)}");
        }

        var ephemeral = LibRdKafka.MockClusterBootstraps(cluster);
        if (port == 0)
        {
            return new EmbeddedKafkaBroker(handle, cluster, ephemeral, null);
        }

        BrokerPortForwarder forwarder;
        try
        {
            forwarder = BrokerPortForwarder.Start(port, ParsePort(ephemeral));
        }
        catch
        {
            LibRdKafka.MockClusterDestroy(cluster);
            LibRdKafka.Destroy(handle);
            throw;
        }

        LibRdKafka.MockBrokerSetHostPort(cluster, BrokerId, "127.0.0.1", port);
        return new EmbeddedKafkaBroker(handle, cluster, $"127.0.0.1:{port}", forwarder);
    }

    /// <summary>Creates a topic; an existing topic of that name is an error.</summary>
    public void CreateTopic(string topic, int partitions)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(partitions, 1);
        ObjectDisposedException.ThrowIf(_disposed, this);
        var error = LibRdKafka.MockTopicCreate(_cluster, topic, partitions, 1);
        if (error != 0)
        {
            throw new InvalidOperationException($"creating topic {topic} failed: {LibRdKafka.ErrorName(error)}");
        }
    }

    /// <summary>Creates every pipeline topic and its dead-letter twin, all with the same partition count.</summary>
    public void CreatePipelineTopics(int partitions)
    {
        foreach (var topic in Topics.All)
        {
            CreateTopic(topic, partitions);
        }
    }

    /// <summary>Fault injection for reliability tests: the broker refuses connections until <see cref="SetUp"/>.</summary>
    public void SetDown() => LibRdKafka.MockBrokerSetDown(_cluster, BrokerId);

    public void SetUp() => LibRdKafka.MockBrokerSetUp(_cluster, BrokerId);

    public void Dispose()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        _forwarder?.Dispose();
        LibRdKafka.MockClusterDestroy(_cluster);
        LibRdKafka.Destroy(_handle);
    }

    private static int ParsePort(string bootstrap) =>
        int.Parse(bootstrap[(bootstrap.LastIndexOf(':') + 1)..].Split(',')[0], System.Globalization.CultureInfo.InvariantCulture);
}

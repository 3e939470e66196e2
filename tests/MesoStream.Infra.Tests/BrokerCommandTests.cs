using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;
using Confluent.Kafka;
using MesoStream.Contracts;
using MesoStream.Contracts.Messaging;
using MesoStream.Contracts.Specs;
using MesoStream.Infra.Kafka;
using MesoStream.Testing;

namespace MesoStream.Infra.Tests;

/// <summary>The `mesostream broker` command as a user runs it, on a free port, talked to by kcat and by C#.</summary>
public sealed class BrokerCommandTests : IClassFixture<BrokerCommandTests.BrokerProcess>
{
    private readonly BrokerProcess _broker;

    public BrokerCommandTests(BrokerProcess broker) => _broker = broker;

    public sealed class BrokerProcess : IDisposable
    {
        public BrokerProcess()
        {
            Port = FreePort();
            Process = ChildProcess.StartProject("MesoStream.Cli", "mesostream", "broker", "--port", Port.ToString(System.Globalization.CultureInfo.InvariantCulture), "--partitions", "3");
            Bootstrap = Process.WaitForStdoutLine(TimeSpan.FromSeconds(60));
        }

        public int Port { get; }
        public ChildProcess Process { get; }
        public string Bootstrap { get; }

        public void Dispose()
        {
            Process.Terminate();
            Process.WaitForExit(TimeSpan.FromSeconds(10));
            Process.Dispose();
        }

        private static int FreePort()
        {
            var listener = new TcpListener(IPAddress.Loopback, 0);
            listener.Start();
            var port = ((IPEndPoint)listener.LocalEndpoint).Port;
            listener.Stop();
            return port;
        }
    }

    [Fact]
    public void It_prints_its_bootstrap_address_on_the_requested_port()
    {
        Assert.Equal($"127.0.0.1:{_broker.Port}", _broker.Bootstrap);
    }

    [Fact]
    public void Kcat_lists_every_topic_and_dead_letter_topic_with_the_requested_partitions()
    {
        using var metadata = JsonDocument.Parse(Kcat.Run("", "-b", _broker.Bootstrap, "-L", "-J"));
        var topics = metadata.RootElement.GetProperty("topics").EnumerateArray()
            .ToDictionary(t => t.GetProperty("topic").GetString()!, t => t.GetProperty("partitions").GetArrayLength());
        foreach (var topic in Topics.All)
        {
            Assert.True(topics.TryGetValue(topic, out var partitions), $"{topic} missing from kcat -L");
            Assert.Equal(3, partitions);
        }

        Assert.Contains("voxel-ready.dlq", topics.Keys);
    }

    [Fact]
    public void A_spec_produced_by_kcat_is_read_by_a_CSharp_consumer()
    {
        const string spec = """{"id":"from-kcat","seed":5,"grid":{"nx":32,"ny":32,"nz":32,"voxel_um":1},"active_material":{"volume_fraction":0.5,"axes_um":[5,3,3],"a1":1,"a2":1},"binder":{"volume_fraction":0.06,"omega":0.4}}""";
        Kcat.Run(spec + "\n", "-b", _broker.Bootstrap, "-P", "-t", Topics.StructureSpec, "-k", "from-kcat", "-H", $"{MessageHeaders.ContentType}={ContentTypes.Json}");

        var records = TopicProbe.ReadCommitted(_broker.Bootstrap, Topics.StructureSpec, 1, TimeSpan.FromSeconds(30), TimeSpan.Zero);
        var record = Assert.Single(records, r => r.Message.Key == "from-kcat");
        Assert.Equal(ContentTypes.Json, Encoding.UTF8.GetString(record.Message.Headers.GetLastBytes(MessageHeaders.ContentType)));
        var parsed = StructureSpec.Parse(record.Message.Value);
        Assert.Equal("from-kcat", parsed.Id);
        Assert.Equal(new SemiAxes(5, 3, 3), parsed.ActiveMaterial.AxesUm);
    }

    [Fact]
    public void A_record_produced_by_a_transactional_CSharp_producer_is_read_by_kcat()
    {
        var connection = new KafkaConnection(_broker.Bootstrap);
        using (var producer = new ProducerBuilder<string, byte[]>(connection.TransactionalProducer("broker-test", TimeSpan.FromSeconds(30))).Build())
        {
            producer.InitTransactions(TimeSpan.FromSeconds(30));
            producer.BeginTransaction();
            producer.Produce(Topics.Predictions, new Message<string, byte[]> { Key = "req-1", Value = "{\"tau_x\":1.7}"u8.ToArray() });
            producer.CommitTransaction(TimeSpan.FromSeconds(30));
        }

        var output = Kcat.Run("", "-b", _broker.Bootstrap, "-C", "-t", Topics.Predictions, "-o", "beginning", "-e", "-q",
            "-X", "isolation.level=read_committed", "-f", "%k=%s\n");
        Assert.Equal(["req-1={\"tau_x\":1.7}"], output.Split('\n', StringSplitOptions.RemoveEmptyEntries));
    }
}

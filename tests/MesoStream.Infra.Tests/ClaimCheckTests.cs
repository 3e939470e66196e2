using System.Globalization;
using System.Text;
using Confluent.Kafka;
using MesoStream.Contracts.Messaging;
using MesoStream.Infra.Broker;
using MesoStream.Infra.ClaimCheck;
using MesoStream.Testing;

namespace MesoStream.Infra.Tests;

/// <summary>
/// Payloads larger than the embedded broker keeps per partition (5 MiB) travel by claim check: the record carries the
/// SHA-256 of a blob in a shared directory. A blob that is missing or whose bytes changed is dead-lettered, naming the
/// claim check, and the hop goes on.
/// </summary>
public sealed class ClaimCheckTests : IDisposable
{
    private const int PadBytes = 6 * 1024 * 1024;
    private readonly EmbeddedKafkaBroker _broker = EmbeddedKafkaBroker.Start();
    private readonly string _blobs = Directory.CreateTempSubdirectory("mesostream-blobs").FullName;
    private readonly ChildProcessSet _processes = new();

    public ClaimCheckTests()
    {
        foreach (var topic in new[] { "in", "mid", "out", "in.dlq", "mid.dlq" })
        {
            _broker.CreateTopic(topic, 2);
        }
    }

    [Fact]
    public void Payloads_larger_than_the_log_holds_travel_by_claim_check_and_arrive_whole()
    {
        Start("fast", "in", "mid", "--pad-bytes", PadBytes.ToString(CultureInfo.InvariantCulture), "--downstream-group", "slow");
        Start("slow", "mid", "out");
        var inputs = Enumerable.Range(0, 6).Select(i => ($"k{i}", $"v{i}")).ToList();
        TopicProbe.Produce(_broker.BootstrapServers, "in", inputs);

        var outputs = TopicProbe.ReadCommitted(_broker.BootstrapServers, "out", inputs.Count, TimeSpan.FromSeconds(90));
        Assert.True(inputs.Count == outputs.Count, $"{outputs.Count} arrived: {Diagnostics()}");
        Assert.Equal(inputs.Select(i => $"{i.Item2}|fast|slow").Order(), outputs.Select(r => Encoding.UTF8.GetString(r.Message.Value)).Order());

        var checkedIn = TopicProbe.ReadCommitted(_broker.BootstrapServers, "mid", inputs.Count, TimeSpan.FromSeconds(10), settle: TimeSpan.Zero);
        Assert.NotEmpty(checkedIn);
        Assert.All(checkedIn, record =>
        {
            Assert.Empty(record.Message.Value);
            Assert.StartsWith("sha256:", record.HeaderText(MessageHeaders.ClaimCheck));
            Assert.True(int.Parse(record.HeaderText(MessageHeaders.ClaimCheckBytes)!, CultureInfo.InvariantCulture) > PadBytes);
        });
    }

    [Fact]
    public void A_missing_or_corrupt_blob_is_dead_lettered_naming_the_claim_check_and_the_hop_goes_on()
    {
        var store = new BlobStore(_blobs);
        var corrupt = store.Put(Encoding.UTF8.GetBytes("corrupt-before"));
        File.WriteAllText(Directory.EnumerateFiles(_blobs, "*.blob", SearchOption.AllDirectories).Single(), "corrupt-after");
        var missing = "sha256:" + new string('0', 64);
        var good = store.Put(Encoding.UTF8.GetBytes("good"));
        foreach (var (key, reference) in new[] { ("a", corrupt), ("a", missing), ("a", good) })
        {
            TopicProbe.Produce(_broker.BootstrapServers, "mid", [(key, string.Empty)], new Headers { { MessageHeaders.ClaimCheck, Encoding.UTF8.GetBytes(reference) } });
        }

        Start("slow", "mid", "out");
        var output = Assert.Single(TopicProbe.ReadCommitted(_broker.BootstrapServers, "out", 1, TimeSpan.FromSeconds(60)));
        Assert.Equal("good|slow", Encoding.UTF8.GetString(output.Message.Value));
        var dead = TopicProbe.ReadCommitted(_broker.BootstrapServers, "mid.dlq", 2, TimeSpan.FromSeconds(30));
        Assert.Equal(2, dead.Count);
        Assert.All(dead, d => Assert.Equal($"header {MessageHeaders.ClaimCheck}", d.HeaderText(MessageHeaders.ErrorField)));
        Assert.Contains(dead, d => d.HeaderText(MessageHeaders.ErrorMessage)!.Contains("is corrupt", StringComparison.Ordinal));
        Assert.Contains(dead, d => d.HeaderText(MessageHeaders.ErrorMessage)!.Contains("is not in the claim-check directory", StringComparison.Ordinal));
    }

    [Fact]
    public void The_store_is_content_addressed_and_refuses_malformed_references()
    {
        var store = new BlobStore(_blobs);
        var payload = Encoding.UTF8.GetBytes("payload");
        var reference = store.Put(payload);
        Assert.Equal(reference, store.Put(payload));
        Assert.Equal(payload, store.Get(reference));
        Assert.Single(Directory.EnumerateFiles(_blobs, "*", SearchOption.AllDirectories));
        var malformed = Assert.Throws<InvalidMessageException>(() => store.Get("sha256:../../etc/passwd"));
        Assert.Contains("is not a claim check", malformed.Message);
    }

    [Fact]
    public void A_deleted_or_truncated_blob_is_stored_afresh_by_the_next_put()
    {
        var store = new BlobStore(_blobs);
        var payload = Encoding.UTF8.GetBytes("structure s-1 voxels");
        var reference = store.Put(payload);

        store.Delete(reference);
        var gone = Assert.Throws<InvalidMessageException>(() => store.Get(reference));
        Assert.Contains("is not in the claim-check directory", gone.Message);
        store.Delete(reference);

        Assert.Equal(reference, store.Put(payload));
        Assert.Equal(payload, store.Get(reference));
        Assert.Throws<InvalidMessageException>(() => store.Delete("sha256:../../etc/passwd"));

        var file = Directory.EnumerateFiles(_blobs, "*.blob", SearchOption.AllDirectories).Single();
        File.WriteAllBytes(file, payload[..5]);
        Assert.Equal(reference, store.Put(payload));
        Assert.Equal(payload, store.Get(reference));
    }

    private void Start(string service, string input, string output, params string[] extra)
    {
        _processes.Add(ChildProcess.StartProject("MesoStream.Infra.TestHop", "MesoStream.Infra.TestHop",
            ["--bootstrap", _broker.BootstrapServers, "--instance", "0", "--service", service, "--input", input, "--output", output,
             "--claim-check-dir", _blobs, .. extra]));
    }

    private string Diagnostics() => _processes.Diagnostics();

    public void Dispose()
    {
        _processes.Dispose();
        _broker.Dispose();
        Directory.Delete(_blobs, recursive: true);
    }
}

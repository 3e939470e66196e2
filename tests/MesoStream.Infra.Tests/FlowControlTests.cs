using System.Globalization;
using System.Text;
using MesoStream.Contracts.Messaging;
using MesoStream.Infra.Broker;
using MesoStream.Infra.FlowControl;
using MesoStream.Testing;

namespace MesoStream.Infra.Tests;

/// <summary>
/// The embedded broker keeps only 5 MiB per partition. A fast hop that turns each small input into a 64 KiB record
/// (300 of them: 19 MiB on one partition) feeds a slow hop that is not reading. With flow control the fast hop pauses
/// until the slow one catches up and nothing is lost; without it the slow hop finds records gone, reports the lost
/// offsets on the dead-letter topic, and resubmitting the missing keys through a bounded fast hop heals the loss.
/// </summary>
public sealed class FlowControlTests : IDisposable
{
    private const int Records = 300;
    private const int PadBytes = 64 * 1024;
    private readonly EmbeddedKafkaBroker _broker = EmbeddedKafkaBroker.Start();
    private readonly ChildProcessSet _processes = new();

    public FlowControlTests()
    {
        foreach (var topic in new[] { "in", "mid", "out", "in.dlq", "mid.dlq" })
        {
            _broker.CreateTopic(topic, 1);
        }
    }

    [Fact]
    public void With_flow_control_a_fast_stage_waits_for_a_slow_one_and_nothing_is_lost()
    {
        var fast = StartFastHop(flowControl: true);
        TopicProbe.Produce(_broker.BootstrapServers, "in", Inputs(Records));

        // The slow stage has not started: the fast one must stop at its bound, not fill the 5 MiB log and beyond.
        Assert.True(WaitFor(() => fast.Stderr.Any(line => line.Contains("paused in", StringComparison.Ordinal)), TimeSpan.FromSeconds(60)),
            "the fast hop never paused: " + Diagnostics());
        StartSlowHop();

        var outputs = TopicProbe.ReadCommitted(_broker.BootstrapServers, "out", Records, TimeSpan.FromSeconds(150));
        Assert.True(Records == outputs.Count, $"{outputs.Count} of {Records} arrived: {Diagnostics()}");
        Assert.Equal(Records, outputs.Select(r => r.Message.Key).Distinct().Count());
        Assert.Empty(TopicProbe.ReadCommitted(_broker.BootstrapServers, "mid.dlq", 1, TimeSpan.FromSeconds(2)));
    }

    [Fact]
    public void Without_flow_control_the_loss_is_reported_with_its_offsets_and_healed_by_resubmitting_the_missing_keys()
    {
        var fast = StartFastHop(flowControl: false);
        var slow = StartSlowHop();
        TopicProbe.Produce(_broker.BootstrapServers, "in", [("warm-up", "w")]);
        Assert.Single(TopicProbe.ReadCommitted(_broker.BootstrapServers, "out", 1, TimeSpan.FromSeconds(60), settle: TimeSpan.Zero));

        // The slow stage hangs while the fast one writes 19 MiB to a log that keeps 5 MiB.
        slow.Suspend();
        var inputs = Inputs(Records);
        TopicProbe.Produce(_broker.BootstrapServers, "in", inputs);
        using (var inBacklog = new DownstreamBacklog(new Kafka.KafkaConnection(_broker.BootstrapServers), "in", "fast", TimeSpan.FromSeconds(10)))
        {
            Assert.True(WaitFor(() => inBacklog.Measure().Sum() <= 1, TimeSpan.FromSeconds(60)), "the fast hop did not consume its input: " + Diagnostics());
        }

        slow.Continue();
        var lost = TopicProbe.ReadCommitted(_broker.BootstrapServers, "mid.dlq", 1, TimeSpan.FromSeconds(90), settle: TimeSpan.Zero);
        var truncation = Assert.Single(lost);
        Assert.Equal("log-truncated", truncation.HeaderText(MessageHeaders.ErrorType));
        Assert.Equal("mid", truncation.HeaderText(MessageHeaders.OriginalTopic));
        var from = long.Parse(truncation.HeaderText(MessageHeaders.OriginalOffset)!, CultureInfo.InvariantCulture);
        var until = long.Parse(truncation.HeaderText(MessageHeaders.LostUntilOffset)!, CultureInfo.InvariantCulture);
        Assert.True(until > from, $"lost range [{from}, {until})");
        Assert.Contains($"offsets [{from}, {until}) of mid[0]", truncation.HeaderText(MessageHeaders.ErrorMessage));

        // What survived drains; then heal as the campaign does: the fast stage bounded, the missing keys resubmitted.
        var survived = TopicProbe.ReadCommitted(_broker.BootstrapServers, "out", Records + 1, TimeSpan.FromSeconds(30), settle: TimeSpan.FromSeconds(3));
        var arrived = survived.Select(r => r.Message.Key).ToHashSet();
        var missing = inputs.Where(i => !arrived.Contains(i.Key)).ToList();
        // The lost offsets hold the missing records plus one commit marker per transaction of 16.
        Assert.InRange(missing.Count, (until - from) * 16 / 17 - 1, until - from);
        fast.Terminate();
        Assert.True(fast.WaitForExit(TimeSpan.FromSeconds(30)));
        StartFastHop(flowControl: true);
        TopicProbe.Produce(_broker.BootstrapServers, "in", missing);

        var healed = TopicProbe.ReadCommitted(_broker.BootstrapServers, "out", Records + 1, TimeSpan.FromSeconds(150));
        Assert.True(Records + 1 == healed.Count, $"{healed.Count} records after healing: {Diagnostics()}");
        Assert.Equal(inputs.Select(i => i.Key).Append("warm-up").Order(), healed.Select(r => r.Message.Key).Order());
    }

    private static bool WaitFor(Func<bool> condition, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (!condition())
        {
            if (DateTime.UtcNow > deadline)
            {
                return false;
            }

            Thread.Sleep(100);
        }

        return true;
    }

    private static List<(string Key, string Value)> Inputs(int count) =>
        [.. Enumerable.Range(0, count).Select(i => ($"k{i:D4}", $"v{i}"))];

    private ChildProcess StartFastHop(bool flowControl)
    {
        string[] bound = flowControl ? ["--downstream-group", "slow", "--max-backlog-bytes", FlowControlOptions.DefaultMaxBacklogBytes.ToString(CultureInfo.InvariantCulture)] : [];
        return Start(["--service", "fast", "--input", "in", "--output", "mid", "--pad-bytes", PadBytes.ToString(CultureInfo.InvariantCulture), .. bound]);
    }

    private ChildProcess StartSlowHop() => Start(["--service", "slow", "--input", "mid", "--output", "out", "--delay-ms", "15"]);

    private ChildProcess Start(string[] args)
    {
        var process = ChildProcess.StartProject("MesoStream.Infra.TestHop", "MesoStream.Infra.TestHop",
            ["--bootstrap", _broker.BootstrapServers, "--instance", "0", "--records-per-txn", "16", .. args]);
        _processes.Add(process);
        return process;
    }

    private string Diagnostics() => _processes.Diagnostics();

    public void Dispose()
    {
        _processes.Dispose();
        _broker.Dispose();
    }
}

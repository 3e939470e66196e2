using System.Diagnostics;
using Confluent.Kafka;
using MesoStream.Contracts.Messaging;
using MesoStream.Infra.Broker;
using MesoStream.Infra.Kafka;
using MesoStream.Infra.Telemetry;
using MesoStream.Testing;
using Microsoft.Extensions.Logging.Abstractions;
using OpenTelemetry;
using OpenTelemetry.Trace;

namespace MesoStream.Infra.Tests;

/// <summary>
/// The shared loop for records read outside a hop (<see cref="RecordListener"/>) and the shared producer
/// (<see cref="EventPublisher"/>): the same headers, trace context, dead letters and metrics as the hop.
/// </summary>
public sealed class RecordListenerTests
{
    [Fact]
    public async Task A_listener_continues_the_producers_trace_dead_letters_what_its_handler_refuses_and_says_when_it_has_read_to_the_end()
    {
        using var broker = EmbeddedKafkaBroker.Start();
        broker.CreateTopic("events", 2);
        broker.CreateTopic("events.dlq", 2);
        var spans = new List<Activity>();
        using var tracing = Sdk.CreateTracerProviderBuilder().AddSource("MesoStream.*").AddInMemoryExporter(spans).Build();
        using var telemetry = new ServiceTelemetry("listener-test");
        var connection = new KafkaConnection(broker.BootstrapServers);

        ActivityContext campaign;
        using (var publisher = new EventPublisher(connection, telemetry, "publisher-0"))
        using (var root = KafkaTracing.StartCampaign(telemetry.Source, "c1", 2))
        {
            campaign = root!.Context;
            await publisher.PublishAsync(new OutboundRecord("events", "good", "1"u8.ToArray(), "text/plain", "test/1"), CancellationToken.None, campaign);
            await publisher.PublishAsync(new OutboundRecord("events", "bad", "2"u8.ToArray(), "text/plain", "test/1")
            {
                ExtraHeaders = [new("x-extra", "kept")],
            }, CancellationToken.None, campaign);
        }

        var handled = new List<(string Key, ActivityTraceId Trace, string? ProducedBy, string? Schema)>();
        using var caughtUp = new ManualResetEventSlim();
        using var stop = new CancellationTokenSource();
        var listening = new RecordListener(connection, new ListenerOptions { Name = "reader-0/events", Topics = ["events"] }, telemetry, NullLogger.Instance)
            .Start(record =>
            {
                handled.Add((record.Key!, Activity.Current!.TraceId, record.Header(MessageHeaders.ProducedBy), record.Header(MessageHeaders.Schema)));
                if (record.Key == "bad")
                {
                    throw new InvalidMessageException("value", "refused by the test");
                }
            }, stop.Token, caughtUp.Set);

        Assert.True(caughtUp.Wait(TimeSpan.FromSeconds(60)), "the listener did not read both partitions to the end");
        var deadLetter = Assert.Single(TopicProbe.ReadCommitted(broker.BootstrapServers, "events.dlq", 1, TimeSpan.FromSeconds(30), TimeSpan.Zero));
        stop.Cancel();
        await listening;

        Assert.Equal(["bad", "good"], handled.Select(h => h.Key).Order());
        Assert.All(handled, h => Assert.Equal(campaign.TraceId, h.Trace));
        Assert.All(handled, h => Assert.Equal(("publisher-0", "test/1"), (h.ProducedBy, h.Schema)));
        Assert.Equal("bad", deadLetter.Message.Key);
        string? Header(string name) => deadLetter.HeaderText(name);
        Assert.Equal("invalid-message", Header(MessageHeaders.ErrorType));
        Assert.Equal("value", Header(MessageHeaders.ErrorField));
        Assert.Equal("reader-0/events", Header(MessageHeaders.FailedBy));
        Assert.Equal("events", Header(MessageHeaders.OriginalTopic));
        Assert.Equal("kept", Header("x-extra"));

        // The dead letter is sent under the process span of the record that failed: the same trace.
        var sendDeadLetter = Assert.Single(spans, s => s.DisplayName == "send events.dlq");
        Assert.Equal(campaign.TraceId, sendDeadLetter.TraceId);
        Assert.Equal(ActivityStatusCode.Error, Assert.Single(spans, s => s.DisplayName == "process events" && s.GetTagItem(MessagingConventions.KafkaMessageKey) as string == "bad").Status);
    }
}

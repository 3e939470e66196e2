using System.Diagnostics;
using System.Text;
using Confluent.Kafka;
using MesoStream.Contracts.Messaging;
using MesoStream.Infra.Broker;
using MesoStream.Infra.Hosting;
using MesoStream.Infra.Kafka;
using MesoStream.Infra.Telemetry;
using MesoStream.Infra.TestHop;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using OpenTelemetry;
using OpenTelemetry.Trace;
using MesoStream.Testing;

namespace MesoStream.Infra.Tests;

/// <summary>One record through two hops in this process: every span of it shares one trace id with the right parents.</summary>
public sealed class TraceContinuityTests
{
    [Fact]
    public async Task The_spans_of_one_record_across_two_hops_share_one_trace_with_correct_parent_links()
    {
        using var broker = EmbeddedKafkaBroker.Start();
        foreach (var topic in new[] { "a", "b", "c", "a.dlq", "b.dlq" })
        {
            broker.CreateTopic(topic, 2);
        }

        var spans = new List<Activity>();
        using var tracing = Sdk.CreateTracerProviderBuilder()
            .AddSource("MesoStream.*", "MassTransit", "test")
            .AddInMemoryExporter(spans)
            .Build();
        using var testSource = new ActivitySource("test");

        ActivityContext root;
        using (var submit = testSource.StartActivity("submit", ActivityKind.Producer))
        {
            Assert.NotNull(submit);
            root = submit.Context;
            var headers = new Headers();
            KafkaTracing.Inject(submit.Context, headers);
            using var producer = new ProducerBuilder<string, byte[]>(new KafkaConnection(broker.BootstrapServers).IdempotentProducer()).Build();
            await producer.ProduceAsync("a", new Message<string, byte[]> { Key = "s-1", Value = "x"u8.ToArray(), Headers = headers });
        }

        using var hop1 = Hop(broker, "hop1", "a", "b");
        using var hop2 = Hop(broker, "hop2", "b", "c");
        await hop1.StartAsync();
        await hop2.StartAsync();
        var output = Assert.Single(TopicProbe.ReadCommitted(broker.BootstrapServers, "c", 1, TimeSpan.FromSeconds(60), TimeSpan.Zero));
        await hop1.StopAsync();
        await hop2.StopAsync();
        tracing.ForceFlush();

        Assert.Equal("x|hop1|hop2", Encoding.UTF8.GetString(output.Message.Value));
        var trace = spans.Where(s => s.TraceId == root.TraceId).ToList();
        var process1 = Assert.Single(trace, s => s.DisplayName == "process a");
        var send1 = Assert.Single(trace, s => s.DisplayName == "send b");
        var process2 = Assert.Single(trace, s => s.DisplayName == "process b");
        var send2 = Assert.Single(trace, s => s.DisplayName == "send c");

        Assert.Equal(root.SpanId, process1.ParentSpanId);
        Assert.Equal(process1.SpanId, send1.ParentSpanId);
        Assert.Equal(send1.SpanId, process2.ParentSpanId);
        Assert.Equal(process2.SpanId, send2.ParentSpanId);
        Assert.Equal(ActivityKind.Consumer, process2.Kind);
        Assert.Equal(ActivityKind.Producer, send1.Kind);
        Assert.Equal(send1.SpanId, Assert.Single(process2.Links).Context.SpanId);
        Assert.Equal("kafka", process2.GetTagItem(MessagingConventions.System));
        Assert.Equal("hop2", process2.GetTagItem(MessagingConventions.ConsumerGroup));
        Assert.Equal("b", process2.GetTagItem(MessagingConventions.DestinationName));
        Assert.Equal("s-1", process2.GetTagItem(MessagingConventions.KafkaMessageKey));

        // The MassTransit mediator's own spans nest under the Kafka process span.
        Assert.Contains(trace, s => s.Source.Name == "MassTransit" && s.ParentSpanId == process1.SpanId);
    }

    private static IHost Hop(EmbeddedKafkaBroker broker, string service, string input, string output) =>
        HopHost.Build<AppendHop>(
            new KafkaConnection(broker.BootstrapServers),
            new HopOptions { ServiceName = service, InputTopic = input, InstanceId = "0", CommitInterval = TimeSpan.FromMilliseconds(100) },
            new TelemetryOptions { Console = false },
            services => services.AddSingleton(new AppendHop.Settings(service, output, 0)));
}

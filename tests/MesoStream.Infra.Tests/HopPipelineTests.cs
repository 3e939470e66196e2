using System.Diagnostics.Metrics;
using System.Text;
using Confluent.Kafka;
using MassTransit;
using MassTransit.Mediator;
using MesoStream.Contracts.Messaging;
using MesoStream.Infra.Hosting;
using MesoStream.Infra.Kafka;
using MesoStream.Infra.Telemetry;
using Microsoft.Extensions.DependencyInjection;

namespace MesoStream.Infra.Tests;

/// <summary>
/// The MassTransit consume pipeline of every hop (<see cref="HopPipeline"/>), without Kafka: what is retried, what is
/// final, and that every failed attempt is counted in <c>mesostream.handler.failures</c>.
/// </summary>
public sealed class HopPipelineTests
{
    [Fact]
    public async Task A_contract_violation_is_rejected_after_one_attempt()
    {
        var (record, attempts, failures) = await DispatchAsync(attempt => throw new InvalidMessageException("seed", "not a number"));

        Assert.Equal(1, attempts);
        Assert.Equal(1, failures);
        Assert.IsType<InvalidMessageException>(record.Rejection);
        Assert.Empty(record.Outputs);
    }

    [Fact]
    public async Task An_unexpected_error_is_retried_and_rejected_once_every_attempt_failed()
    {
        var (record, attempts, failures) = await DispatchAsync(attempt => throw new InvalidOperationException($"attempt {attempt}"));

        Assert.Equal(3, attempts);
        Assert.Equal(3, failures);
        Assert.Equal("attempt 3", Assert.IsType<InvalidOperationException>(record.Rejection).Message);
    }

    [Fact]
    public async Task An_error_that_a_retry_heals_is_counted_and_the_record_goes_on()
    {
        var (record, attempts, failures) = await DispatchAsync(attempt => attempt == 1 ? throw new TimeoutException("once") : "ok");

        Assert.Equal(2, attempts);
        Assert.Equal(1, failures);
        Assert.Null(record.Rejection);
        Assert.Equal("ok", Encoding.UTF8.GetString(Assert.Single(record.Outputs).Value));
    }

    private static async Task<(InboundRecord Record, int Attempts, long Failures)> DispatchAsync(Func<int, string> handler)
    {
        var service = "pipeline-test-" + Guid.NewGuid().ToString("N")[..8];
        var services = new ServiceCollection();
        var script = new Script(handler);
        services.AddSingleton(script);
        services.AddSingleton(new ServiceTelemetry(service));
        services.AddMediator(cfg => HopPipeline.Add<ScriptedConsumer>(cfg, maxAttempts: 3));
        await using var provider = services.BuildServiceProvider();

        long failures = 0;
        using var listener = new MeterListener();
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (instrument.Meter.Name == ServiceTelemetry.SourcePrefix + char.ToUpperInvariant(service[0]) + service[1..] && instrument.Name == "mesostream.handler.failures")
            {
                l.EnableMeasurementEvents(instrument);
            }
        };
        listener.SetMeasurementEventCallback<long>((_, value, _, _) => Interlocked.Add(ref failures, value));
        listener.Start();

        var record = new InboundRecord(new ConsumeResult<string, byte[]>
        {
            Topic = "in",
            Partition = 0,
            Offset = 7,
            Message = new Message<string, byte[]> { Key = "s-1", Value = "x"u8.ToArray(), Headers = [] },
        });
        await provider.GetRequiredService<IMediator>().Send(record);
        return (record, script.Attempts, Interlocked.Read(ref failures));
    }

    private sealed class Script(Func<int, string> handler)
    {
        public int Attempts;

        public string Run() => handler(Interlocked.Increment(ref Attempts));
    }

    private sealed class ScriptedConsumer(Script script) : IConsumer<InboundRecord>
    {
        public Task Consume(ConsumeContext<InboundRecord> context)
        {
            var value = script.Run();
            context.Message.Reply(new OutboundRecord("out", "s-1", Encoding.UTF8.GetBytes(value), "text/plain", "test/1"));
            return Task.CompletedTask;
        }
    }
}

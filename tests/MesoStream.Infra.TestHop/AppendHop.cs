using System.Diagnostics;
using System.Text;
using MassTransit;
using MesoStream.Contracts.Messaging;
using MesoStream.Infra.Kafka;

namespace MesoStream.Infra.TestHop;

/// <summary>
/// Appends "|service" to each text record. "poison…" records break the contract (dead-lettered at once); "flaky…"
/// records always throw (dead-lettered after the retries). With CrashAfter = N the process kills itself while handling
/// its N-th record, mid-transaction, without committing. PadBytes appends that many bytes to each output (a stage
/// whose records are big; the next hop drops the padding); DelayMs makes each record take that long (a slow stage).
/// </summary>
public sealed class AppendHop(AppendHop.Settings settings) : IConsumer<InboundRecord>
{
    private static int _handled;

    public sealed record Settings(string Service, string OutputTopic, int CrashAfter)
    {
        public int PadBytes { get; init; }
        public int DelayMs { get; init; }
    }

    public Task Consume(ConsumeContext<InboundRecord> context)
    {
        var record = context.Message;
        if (settings.CrashAfter > 0 && Interlocked.Increment(ref _handled) >= settings.CrashAfter)
        {
            Process.GetCurrentProcess().Kill();
        }

        var text = Encoding.UTF8.GetString(record.Value);
        if (text.StartsWith("poison", StringComparison.Ordinal))
        {
            throw new InvalidMessageException("value", $"\"{text}\" is poison: the test hop refuses it");
        }

        if (text.StartsWith("flaky", StringComparison.Ordinal))
        {
            throw new TimeoutException($"\"{text}\" always times out");
        }

        if (settings.DelayMs > 0)
        {
            Thread.Sleep(settings.DelayMs);
        }

        var unpadded = text.IndexOf('#', StringComparison.Ordinal) is var at and >= 0 ? text[..at] : text;
        var output = unpadded + "|" + settings.Service + (settings.PadBytes > 0 ? "#" + new string('x', settings.PadBytes) : string.Empty);
        record.Reply(new OutboundRecord(settings.OutputTopic, record.Key ?? string.Empty, Encoding.UTF8.GetBytes(output), "text/plain", "test/1"));
        return Task.CompletedTask;
    }
}

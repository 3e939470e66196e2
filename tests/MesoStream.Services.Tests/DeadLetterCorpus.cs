using System.Text;
using Confluent.Kafka;
using MesoStream.Contracts;
using MesoStream.Contracts.Messaging;
using MesoStream.Testing;
using Microsoft.Extensions.Hosting;

namespace MesoStream.Services.Tests;

/// <summary>
/// Runs a service over a corpus of bad records followed by good ones, all on partition 0 of its input topic so the
/// service reads them in order, and checks the outcome: every bad record dead-lettered exactly once with the expected
/// field and reason and a small error report, and exactly the good records' outputs. Waits only for positive signals:
/// the last good output committed (its transaction commits after every earlier record's dead letter), then, with the
/// service stopped, both topics read to their end.
/// </summary>
public static class DeadLetterCorpus
{
    /// <summary>An error report (the <c>mesostream.error.*</c> headers) stays under this whatever the input.</summary>
    public const int MaxErrorHeaderBytes = 16 * 1024;

    public static async Task RunAsync(string bootstrap, string inputTopic, string outputTopic, IHost service,
        IReadOnlyList<BadRecord> bad, IReadOnlyList<Message<string, byte[]>> good)
    {
        Assert.Equal(bad.Count, bad.Select(b => b.Class).Distinct().Count());
        var offsets = TopicProbe.ProduceInOrder(bootstrap, inputTopic, [.. bad.Select(b => b.ToMessage()), .. good]);

        await service.StartAsync();
        try
        {
            Assert.Equal(good.Count, TopicProbe.ReadCommitted(bootstrap, outputTopic, good.Count, TimeSpan.FromSeconds(180), settle: TimeSpan.Zero).Count);
        }
        finally
        {
            await service.StopAsync();
        }

        var dead = TopicProbe.ReadAll(bootstrap, Topics.DeadLetterOf(inputTopic), TimeSpan.FromSeconds(60));
        var outputs = TopicProbe.ReadAll(bootstrap, outputTopic, TimeSpan.FromSeconds(60));

        var byOffset = dead.GroupBy(r => long.Parse(r.HeaderText(MessageHeaders.OriginalOffset)!)).ToDictionary(g => g.Key, g => g.ToList());
        var failures = new List<string>();
        for (var i = 0; i < bad.Count; i++)
        {
            var expected = bad[i];
            if (!byOffset.TryGetValue(offsets[i], out var letters) || letters.Count != 1)
            {
                failures.Add($"{expected.Class}: {letters?.Count ?? 0} dead letters, expected exactly 1");
                continue;
            }

            var letter = letters[0];
            var field = letter.HeaderText(MessageHeaders.ErrorField);
            var message = letter.HeaderText(MessageHeaders.ErrorMessage) ?? "";
            var fieldOk = expected.FieldListContains ? field?.Split(',').Contains(expected.Field) == true : field == expected.Field;
            var errorBytes = letter.Message.Headers.Where(h => h.Key.StartsWith("mesostream.error.", StringComparison.Ordinal)).Sum(h => h.GetValueBytes().Length);
            if (letter.HeaderText(MessageHeaders.ErrorType) != "invalid-message" || !fieldOk || !message.Contains(expected.Reason, StringComparison.Ordinal)
                || errorBytes >= MaxErrorHeaderBytes || letter.Message.Key != expected.Key)
            {
                failures.Add($"{expected.Class}: type {letter.HeaderText(MessageHeaders.ErrorType)}, field {Short(field)}, {errorBytes} error header bytes, key {Short(letter.Message.Key)}, message {Short(message)}; " +
                    $"expected field {expected.Field} and \"{expected.Reason}\"");
            }
        }

        var strays = byOffset.Keys.Except(offsets.Take(bad.Count)).ToList();
        Assert.True(failures.Count == 0 && strays.Count == 0,
            $"{failures.Count} of {bad.Count} bad records not dead-lettered as expected:\n{string.Join("\n", failures)}\ndead letters of other offsets: {string.Join(",", strays)}");
        Assert.Equal(good.Select(g => g.Key).Order(), outputs.Select(r => r.Message.Key).Order());
    }

    private static string Short(string? s) => s is null ? "(none)" : s.Length <= 300 ? s : s[..300] + "…";

    /// <summary>UTF-8 bytes of a text value.</summary>
    public static byte[] Utf8(string text) => Encoding.UTF8.GetBytes(text);
}

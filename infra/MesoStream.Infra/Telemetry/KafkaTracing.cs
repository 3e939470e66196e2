using System.Diagnostics;
using System.Text;
using Confluent.Kafka;
using MesoStream.Contracts.Messaging;
using OpenTelemetry;
using OpenTelemetry.Context.Propagation;

using MesoStream.Infra.Kafka;

namespace MesoStream.Infra.Telemetry;

/// <summary>
/// W3C trace context over Kafka headers, and the producer/consumer spans of the messaging conventions.
/// A consumed record's <c>process {topic}</c> span takes the producer's context as its parent and also links to it —
/// the spec allows the parent for single-message processing when no ambient span exists, and it gives one trace per
/// structure across every hop (links alone show as disconnected traces in most UIs).
/// </summary>
public static class KafkaTracing
{
    /// <summary>
    /// An explicit W3C propagator: <c>Propagators.DefaultTextMapPropagator</c> is a no-op until an SDK provider is
    /// built, which would silently drop context in tools and tests.
    /// </summary>
    private static readonly TextMapPropagator Propagator =
        new CompositeTextMapPropagator([new TraceContextPropagator(), new BaggagePropagator()]);

    public static void Inject(ActivityContext context, Headers headers)
    {
        headers.Remove(MessageHeaders.TraceParent);
        headers.Remove(MessageHeaders.TraceState);
        headers.Remove(MessageHeaders.Baggage);
        if (context == default)
        {
            return;
        }

        Propagator.Inject(new PropagationContext(context, Baggage.Current), headers,
            static (h, key, value) => h.Add(key, Encoding.UTF8.GetBytes(value)));
    }

    public static PropagationContext Extract(Headers? headers) =>
        headers is null
            ? default
            : Propagator.Extract(default, headers, static (h, key) =>
                h.TryGetLastBytes(key, out var bytes) ? [Encoding.UTF8.GetString(bytes)] : []);

    /// <summary>Starts <c>process {topic}</c> (kind Consumer) for one consumed record.</summary>
    public static Activity? StartProcess(ActivitySource source, ConsumeResult<string, byte[]> record, string consumerGroup)
    {
        var parent = Extract(record.Message.Headers);
        Baggage.Current = parent.Baggage;
        var tags = new ActivityTagsCollection
        {
            [MessagingConventions.System] = MessagingConventions.Kafka,
            [MessagingConventions.OperationName] = "process",
            [MessagingConventions.OperationType] = "process",
            [MessagingConventions.DestinationName] = record.Topic,
            [MessagingConventions.ConsumerGroup] = consumerGroup,
            [MessagingConventions.PartitionId] = record.Partition.Value.ToString(System.Globalization.CultureInfo.InvariantCulture),
            [MessagingConventions.KafkaOffset] = record.Offset.Value,
            [MessagingConventions.BodySize] = record.Message.Value?.Length ?? 0,
        };
        if (record.Message.Key is { } key)
        {
            tags[MessagingConventions.KafkaMessageKey] = TransactionalHop.QuotedKey(key);
        }

        ActivityLink[]? links = parent.ActivityContext == default ? null : [new ActivityLink(parent.ActivityContext)];
        return source.StartActivity($"process {record.Topic}", ActivityKind.Consumer, parent.ActivityContext, tags, links);
    }

    /// <summary>
    /// The one way a record leaves a MesoStream process traced: a <c>send {topic}</c> span (kind Producer) under
    /// <paramref name="parent"/> (default: the current activity), whose W3C context replaces any trace headers in
    /// <paramref name="headers"/>. The span ends here, when the record is handed over, not at delivery or commit.
    /// Without a listening tracer provider the parent's context (or the current one) still travels.
    /// </summary>
    public static void Send(ActivitySource source, string topic, string? key, int bodySize, Headers headers, ActivityContext parent = default)
    {
        using var send = StartSend(source, topic, key, bodySize, parent);
        Inject(send?.Context ?? (parent != default ? parent : Activity.Current?.Context ?? default), headers);
    }

    /// <summary>Starts <c>send {topic}</c> (kind Producer) under <paramref name="parent"/>, or the current activity.</summary>
    private static Activity? StartSend(ActivitySource source, string topic, string? key, int bodySize, ActivityContext parent = default)
    {
        var tags = new ActivityTagsCollection
        {
            [MessagingConventions.System] = MessagingConventions.Kafka,
            [MessagingConventions.OperationName] = "send",
            [MessagingConventions.OperationType] = "send",
            [MessagingConventions.DestinationName] = topic,
            [MessagingConventions.BodySize] = bodySize,
        };
        if (key is not null)
        {
            tags[MessagingConventions.KafkaMessageKey] = TransactionalHop.QuotedKey(key);
        }

        return source.StartActivity($"send {topic}", ActivityKind.Producer, parent, tags);
    }

    /// <summary>The name of a campaign's span, the root of the trace of every structure it submits.</summary>
    public const string CampaignSpanName = "campaign submit";

    /// <summary>
    /// Starts the <see cref="CampaignSpanName"/> span (kind Producer, a new trace) of <c>campaign submit</c> or
    /// <c>up</c>: every spec it submits is sent under it (<see cref="Send"/> with its context), so each structure's
    /// trace runs from the campaign through every service. Without a listening tracer provider: null.
    /// </summary>
    public static Activity? StartCampaign(ActivitySource source, string campaign, int structures) =>
        source.StartActivity(CampaignSpanName, ActivityKind.Producer, default(ActivityContext), new ActivityTagsCollection
        {
            ["mesostream.campaign"] = campaign,
            ["mesostream.campaign.structures"] = structures,
        });

    /// <summary>Marks a span failed with the semantic-convention error attribute.</summary>
    public static void RecordError(Activity? activity, Exception error, string errorType)
    {
        if (activity is null)
        {
            return;
        }

        activity.SetStatus(ActivityStatusCode.Error, error.Message);
        activity.SetTag(MessagingConventions.ErrorType, errorType);
        activity.AddException(error);
    }
}

using MassTransit;
using MesoStream.Contracts.Messaging;
using MesoStream.Infra.Telemetry;
using Microsoft.Extensions.DependencyInjection;

namespace MesoStream.Infra.Kafka;

/// <summary>
/// The MassTransit consume pipeline a hop dispatches each record through (the mediator), from
/// the outside in (configured by <see cref="Hosting.HopHost"/>): <see cref="DeadLetterDecisionFilter{T}"/> → the retry filter (immediate, <see cref="HopOptions.MaxAttempts"/>
/// attempts; a contract violation, <see cref="InvalidMessageException"/>, is not retried) →
/// <see cref="AttemptTelemetryFilter{TConsumer}"/> → the service's consumer. What is retried, what is final and how each
/// failed attempt is counted is declared here once, and the hop only writes the dead letter the pipeline decided on,
/// inside its transaction.
/// </summary>
public static class HopPipeline
{
    /// <summary>Registers the service's consumer behind the pipeline: call inside <c>AddMediator</c>.</summary>
    public static void Add<TConsumer>(IMediatorRegistrationConfigurator mediator, int maxAttempts)
        where TConsumer : class, IConsumer<InboundRecord>
    {
        mediator.AddConsumer<TConsumer>((context, consumer) =>
        {
            consumer.UseMessageRetry(retry =>
            {
                retry.Immediate(Math.Max(0, maxAttempts - 1));
                retry.Ignore<InvalidMessageException>();
            });
            // Per attempt, so inside the retry, on the same consumer pipe.
            consumer.UseFilter(new AttemptTelemetryFilter<TConsumer>(context.GetRequiredService<ServiceTelemetry>()));
        });
        mediator.ConfigureMediator((context, pipe) => pipe.UseConsumeFilter(typeof(DeadLetterDecisionFilter<>), context));
    }
}

/// <summary>
/// Outermost filter: a record whose handler still fails once the retries are spent is not an error of the service
/// but of the record. The filter records that verdict on the <see cref="InboundRecord"/> (<see cref="InboundRecord.Rejection"/>,
/// the root cause as <see cref="DeadLetterHeaders.RootCause"/> finds it) instead of letting the exception out, and
/// the hop dead-letters the record in the same transaction as its offset; the partition goes on.
/// </summary>
public sealed class DeadLetterDecisionFilter<T> : IFilter<ConsumeContext<T>>
    where T : class
{
    public async Task Send(ConsumeContext<T> context, IPipe<ConsumeContext<T>> next)
    {
        try
        {
            await next.Send(context);
        }
        catch (Exception e) when (context.Message is InboundRecord record && e is not OperationCanceledException)
        {
            record.Reject(DeadLetterHeaders.RootCause(e));
            // The record is settled (it goes to the dead-letter topic): without this the mediator, which saw the
            // retried consumer fault, would answer that nobody consumed it.
            await context.NotifyConsumed(context, TimeSpan.Zero, "mesostream-dead-letter-decision");
        }
    }

    public void Probe(ProbeContext context) => context.CreateFilterScope("mesostream-dead-letter-decision");
}

/// <summary>
/// Innermost filter, once per attempt: an attempt that throws is counted in <see cref="ServiceTelemetry.Failures"/>
/// (tagged with the record's topic and the error type) and marked on the current span as an event with the attempt
/// number; the exception goes on to the retry filter.
/// </summary>
public sealed class AttemptTelemetryFilter<TConsumer>(ServiceTelemetry telemetry) : IFilter<ConsumerConsumeContext<TConsumer>>
    where TConsumer : class
{
    public async Task Send(ConsumerConsumeContext<TConsumer> context, IPipe<ConsumerConsumeContext<TConsumer>> next)
    {
        try
        {
            await next.Send(context);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            var errorType = DeadLetterHeaders.ErrorTypeOf(DeadLetterHeaders.RootCause(e));
            telemetry.Failures.Add(1,
                new KeyValuePair<string, object?>(MessagingConventions.DestinationName, context.TryGetMessage<InboundRecord>(out var record) ? record.Message.Topic : null),
                new KeyValuePair<string, object?>(MessagingConventions.ErrorType, errorType));
            System.Diagnostics.Activity.Current?.AddEvent(new System.Diagnostics.ActivityEvent("mesostream.attempt.failed", tags: new System.Diagnostics.ActivityTagsCollection
            {
                [MessagingConventions.ErrorType] = errorType,
                ["mesostream.attempt"] = context.GetRetryAttempt() + 1,
            }));
            throw;
        }
    }

    public void Probe(ProbeContext context) => context.CreateFilterScope("mesostream-attempt-telemetry");
}

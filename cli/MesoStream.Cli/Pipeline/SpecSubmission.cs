using System.Diagnostics;
using System.Text;
using System.Threading.Channels;
using Confluent.Kafka;
using MesoStream.Contracts;
using MesoStream.Contracts.Messaging;
using MesoStream.Contracts.Specs;
using MesoStream.Infra.FlowControl;
using MesoStream.Infra.Kafka;
using MesoStream.Infra.Telemetry;

namespace MesoStream.Cli.Pipeline;

/// <summary>
/// Publishes structure specs to structure-spec (key = content id) through the shared <see cref="EventPublisher"/> (the
/// standard headers and each spec's send span under the campaign's span, so a structure's trace starts at the campaign), in the background and
/// under the same backpressure as every hop: it never lets the generator's unconsumed backlog exceed the flow-control
/// bounds, so a campaign of any size waits for the pipeline instead of overrunning the broker's log. Every spec is
/// acknowledged, or <see cref="Failure"/> names the first that was not.
/// </summary>
internal sealed class SpecSubmission : IDisposable
{
    /// <summary>The group that reads structure-spec: the generator service.</summary>
    public const string GeneratorGroup = "generator";

    private readonly Channel<StructureSpec> _queue = Channel.CreateUnbounded<StructureSpec>();
    private readonly EventPublisher _publisher;
    private readonly ActivityContext _campaign;
    private readonly DownstreamBacklog _backlog;
    private readonly OutputCredit _credit;
    private readonly Task _loop;
    private readonly CancellationTokenSource _stopping;
    private readonly CancellationToken _stop;
    private readonly List<string> _failures = [];
    private readonly Action<string>? _delivered;
    private int _queued;
    private int _submitted;
    private bool _waitingForCredit;

    /// <param name="campaign">The campaign's span: every spec's send span is its child, so each structure's trace starts at the campaign.</param>
    /// <param name="delivered">Called with a spec's id once the broker has acknowledged it (on librdkafka's thread).</param>
    public SpecSubmission(KafkaConnection connection, ServiceTelemetry telemetry, string producedBy, FlowControlOptions flow, ActivityContext campaign,
        CancellationToken stop, Action<string>? delivered = null)
    {
        _delivered = delivered;
        _campaign = campaign;
        _stopping = CancellationTokenSource.CreateLinkedTokenSource(stop);
        _stop = _stopping.Token;
        _publisher = new EventPublisher(connection, telemetry, producedBy);
        _backlog = new DownstreamBacklog(connection, Topics.StructureSpec, GeneratorGroup, TimeSpan.FromSeconds(30));
        _credit = new OutputCredit(_backlog.Measure, _backlog.PartitionCount, flow, transactionalOutput: false);
        _loop = Task.Factory.StartNew(Run, TaskCreationOptions.LongRunning);
    }

    /// <summary>Specs handed to the broker so far.</summary>
    public int Submitted => Volatile.Read(ref _submitted);

    /// <summary>Why a spec was not delivered, or null.</summary>
    public string? Failure
    {
        get
        {
            lock (_failures)
            {
                return _failures.Count == 0 ? null : $"{_failures.Count} specs were not delivered, e.g. {_failures[0]}";
            }
        }
    }

    /// <summary>True while specs are queued and not yet handed to the broker.</summary>
    public bool Waiting => Submitted < Volatile.Read(ref _queued);

    /// <summary>True while the submitter holds specs back because the generator's backlog is at its bound.</summary>
    public bool WaitingForCredit => Volatile.Read(ref _waitingForCredit);

    public void Enqueue(IEnumerable<StructureSpec> specs)
    {
        foreach (var spec in specs)
        {
            Interlocked.Increment(ref _queued);
            _queue.Writer.TryWrite(spec);
        }
    }

    /// <summary>Publishes <paramref name="specs"/> and returns once every one is acknowledged (the <c>campaign submit</c> verb).</summary>
    /// <param name="onProgress">Specs submitted so far, and whether the submitter is waiting for room.</param>
    public static void Publish(KafkaConnection connection, ServiceTelemetry telemetry, string producedBy, FlowControlOptions flow, ActivityContext campaign,
        IReadOnlyList<StructureSpec> specs, Action<int, bool> onProgress, CancellationToken cancellationToken)
    {
        using var submission = new SpecSubmission(connection, telemetry, producedBy, flow, campaign, cancellationToken);
        submission.Enqueue(specs);
        while (submission.Waiting && submission.Failure is null && !cancellationToken.IsCancellationRequested)
        {
            onProgress(submission.Submitted, submission.WaitingForCredit);
            Thread.Sleep(100);
        }

        cancellationToken.ThrowIfCancellationRequested();
        submission.Flush();
        onProgress(submission.Submitted, false);
        if (submission.Failure is { } failure)
        {
            throw new InvalidOperationException(failure);
        }
    }

    /// <summary>Waits until every spec produced so far is acknowledged.</summary>
    public void Flush() => _publisher.Flush(_stop);

    private void Run()
    {
        try
        {
            while (_queue.Reader.WaitToReadAsync(_stop).AsTask().GetAwaiter().GetResult())
            {
                while (_queue.Reader.TryRead(out var spec))
                {
                    WaitForCredit();
                    var value = Encoding.UTF8.GetBytes(spec.ToJson());
                    _publisher.Publish(new OutboundRecord(Topics.StructureSpec, spec.Id, value, ContentTypes.Json, StructureSpec.SchemaId), OnDelivery, _campaign, _stop);
                    _credit.Spend(OutputCredit.AnyPartition, value.Length);
                    Interlocked.Increment(ref _submitted);
                }
            }
        }
        catch (OperationCanceledException)
        {
        }
        catch (Exception e)
        {
            // The submitter's thread must never die quietly: up and campaign submit poll Failure and stop with it.
            lock (_failures)
            {
                _failures.Add($"the submitter stopped: {e.GetType().Name}: {e.Message}");
            }
        }
    }

    /// <summary>No credit: make what was produced visible, measure the generator's backlog, and wait until there is room.</summary>
    private void WaitForCredit()
    {
        while (_credit.MinRemaining <= 0)
        {
            _publisher.Flush(_stop);
            if (TryRefill() && _credit.MinRemaining > 0)
            {
                break;
            }

            Volatile.Write(ref _waitingForCredit, true);
            _stop.WaitHandle.WaitOne(TimeSpan.FromMilliseconds(250));
            _stop.ThrowIfCancellationRequested();
        }

        Volatile.Write(ref _waitingForCredit, false);
    }

    /// <summary>Measures the generator's backlog; a broker that does not answer in time is asked again at the next wait.</summary>
    private bool TryRefill()
    {
        try
        {
            _credit.Refill();
            return true;
        }
        catch (KafkaException)
        {
            return false;
        }
    }

    private void OnDelivery(DeliveryReport<string, byte[]> report)
    {
        if (report.Error.IsError)
        {
            lock (_failures)
            {
                _failures.Add($"{report.Message.Key}: {report.Error.Reason}");
            }
        }
        else
        {
            _delivered?.Invoke(report.Message.Key);
        }
    }

    public void Dispose()
    {
        _queue.Writer.TryComplete();
        if (!_loop.Wait(TimeSpan.FromSeconds(5)))
        {
            _stopping.Cancel();
            _loop.Wait(TimeSpan.FromSeconds(5));
        }

        _publisher.Dispose();
        _backlog.Dispose();
        _stopping.Dispose();
    }
}

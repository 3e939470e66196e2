using Confluent.Kafka;
using MesoStream.Contracts;
using MesoStream.Contracts.Messaging;
using MesoStream.Infra.Kafka;
using MesoStream.Trainer.Serving;

namespace MesoStream.Cli.Pipeline;

/// <summary>
/// Watches a campaign move through the pipeline by reading the stage topics (read_committed, from the beginning, in a
/// group of its own): how many of the campaign's structure ids reached each stage or a dead-letter topic, the latest
/// model version, and the predictions by request id. Counting distinct ids is also the exactly-once check: a duplicate
/// would show up as a record whose id was already counted.
/// </summary>
internal sealed class StageMonitor : IDisposable
{
    private static readonly string[] StageTopics = [Topics.VoxelReady, Topics.PropertiesComputed, Topics.DescriptorsComputed];

    private readonly HashSet<string> _campaign;
    private readonly Dictionary<string, HashSet<string>> _reached = StageTopics.ToDictionary(t => t, _ => new HashSet<string>());
    private readonly Dictionary<string, int> _records = StageTopics.ToDictionary(t => t, _ => 0);
    private readonly HashSet<string> _dead = [];
    private readonly Dictionary<string, string> _predictions = [];
    private readonly Lock _gate = new();
    private readonly CancellationTokenSource _stop = new();
    private readonly Thread _thread;
    private ModelArtifact? _model;
    private string? _modelError;

    public StageMonitor(KafkaConnection connection, IEnumerable<string> campaignIds)
    {
        _campaign = [.. campaignIds];
        var config = connection.Reader("mesostream-up-monitor-" + Guid.NewGuid().ToString("N")[..8]);
        var topics = StageTopics.Concat(Topics.Pipeline.Take(4).Select(Topics.DeadLetterOf)).Append(Topics.ModelTrained).Append(Topics.Predictions).ToList();
        _thread = new Thread(() => Run(config, topics)) { IsBackground = true, Name = "stage monitor" };
        _thread.Start();
    }

    public int Reached(string topic)
    {
        lock (_gate)
        {
            return _reached[topic].Count;
        }
    }

    /// <summary>Records on a stage topic for campaign ids: more than <see cref="Reached"/> means a duplicate.</summary>
    public int Records(string topic)
    {
        lock (_gate)
        {
            return _records[topic];
        }
    }

    public int DeadLettered
    {
        get
        {
            lock (_gate)
            {
                return _dead.Count;
            }
        }
    }

    public ModelArtifact? Model
    {
        get
        {
            lock (_gate)
            {
                return _model;
            }
        }
    }

    /// <summary>Why the latest model-trained record could not be decoded, or null.</summary>
    public string? ModelError
    {
        get
        {
            lock (_gate)
            {
                return _modelError;
            }
        }
    }

    public string? Prediction(string requestId)
    {
        lock (_gate)
        {
            return _predictions.GetValueOrDefault(requestId);
        }
    }

    public void Dispose()
    {
        _stop.Cancel();
        _thread.Join(TimeSpan.FromSeconds(10));
        _stop.Dispose();
    }

    private void Run(ConsumerConfig config, List<string> topics)
    {
        using var consumer = new ConsumerBuilder<string, byte[]>(config).Build();
        consumer.Subscribe(topics);
        try
        {
            while (!_stop.IsCancellationRequested)
            {
                if (consumer.Consume(_stop.Token) is { } record)
                {
                    Count(record);
                }
            }
        }
        catch (OperationCanceledException)
        {
            consumer.Close();
        }
    }

    private void Count(ConsumeResult<string, byte[]> record)
    {
        var key = record.Message.Key ?? string.Empty;
        lock (_gate)
        {
            if (_reached.TryGetValue(record.Topic, out var ids) && _campaign.Contains(key))
            {
                ids.Add(key);
                _records[record.Topic]++;
            }
            else if (record.Topic.EndsWith(Topics.DeadLetterSuffix, StringComparison.Ordinal) && _campaign.Contains(key))
            {
                _dead.Add(key);
            }
            else if (record.Topic == Topics.Predictions)
            {
                _predictions[key] = System.Text.Encoding.UTF8.GetString(record.Message.Value ?? []);
            }
            else if (record.Topic == Topics.ModelTrained)
            {
                try
                {
                    var model = ModelArtifactCodec.Decode(record.Message.Value ?? []);
                    if (_model is null || model.Version > _model.Version)
                    {
                        _model = model;
                    }
                }
                catch (InvalidMessageException e)
                {
                    // A corrupt artifact is the predictor's to dead-letter; the monitor keeps the last good one and reports it.
                    _modelError = e.Message;
                }
            }
        }
    }
}

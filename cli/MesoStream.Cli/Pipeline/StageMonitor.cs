using MesoStream.Contracts.Predictions;
using MesoStream.Contracts.Models;
using MesoStream.Contracts;
using MesoStream.Contracts.Messaging;
using MesoStream.Contracts.Specs;
using MesoStream.Generator.Campaigns;
using MesoStream.Infra.ClaimCheck;
using MesoStream.Infra.Kafka;
using MesoStream.Infra.Telemetry;
using MesoStream.Modelling.Serving;
using Microsoft.Extensions.Logging.Abstractions;

namespace MesoStream.Cli.Pipeline;

/// <summary>
/// Watches a campaign move through the pipeline by reading the stage topics (read_committed, every partition from the
/// beginning, through the shared <see cref="RecordListener"/> as an observer) into a <see cref="CampaignTracker"/>: which of the campaign's structure ids reached each stage or a
/// dead-letter topic (with the reason), the log truncations the stages reported, the latest model version, and the
/// predictions by request id. A second record of an id submitted once is counted as a duplicate: the exactly-once check.
/// <para>
/// It also collects the run's claim-check garbage: once a structure is described, the blobs its voxel-ready and
/// properties-computed records referred to have been read and committed by the solver and the descriptor, so they are
/// deleted and the store holds only structures in flight (a 200³ structure leaves two blobs of 2.5–24 MB). A late copy
/// of an already described structure may then find its blob gone and be dead-lettered; the campaign ignores that, the
/// structure is done.
/// </para>
/// </summary>
internal sealed class StageMonitor : IDisposable
{
    private static readonly Dictionary<string, CampaignStage> StageOf = new()
    {
        [Topics.VoxelReady] = CampaignStage.Generated,
        [Topics.PropertiesComputed] = CampaignStage.Solved,
        [Topics.DescriptorsComputed] = CampaignStage.Described,
    };

    private readonly CampaignTracker _tracker;
    private readonly Dictionary<string, PredictionAnswer> _predictions = [];
    private readonly Dictionary<string, List<string>> _blobsOf = [];
    private readonly BlobStore? _blobs;
    private readonly Lock _gate = new();
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _listening;
    private readonly string? _plannedCampaign;
    private readonly Dictionary<string, PlannedStructure> _planned = new(StringComparer.Ordinal);
    private readonly Dictionary<string, List<Action<CampaignTracker>>> _early = new(StringComparer.Ordinal);
    private ModelArtifact? _model;
    private string? _modelError;

    /// <summary>Starts reading every stage topic from its beginning (an observer: no spans, no dead letters, nothing committed).</summary>
    /// <param name="plannedCampaign">
    /// An active-learning campaign's label: the specs the planner proposes for it on structure-spec join the tracker
    /// (<see cref="CampaignTracker.Join"/>) with their provenance; null: the campaign is the tracker's ids alone.
    /// </param>
    public StageMonitor(KafkaConnection connection, ServiceTelemetry telemetry, CampaignTracker tracker, BlobStore? blobs = null, string? plannedCampaign = null)
    {
        _tracker = tracker;
        _blobs = blobs;
        _plannedCampaign = plannedCampaign;
        IEnumerable<string> specs = plannedCampaign is null ? [] : [Topics.StructureSpec];
        var listener = new RecordListener(connection, new ListenerOptions
        {
            Name = "mesostream-up/monitor",
            Topics = [.. StageOf.Keys.Concat(Topics.StructureStages.Select(Topics.DeadLetterOf)).Append(Topics.ModelTrained).Append(Topics.Predictions).Concat(specs)],
            DeadLetter = false,
            Trace = false,
        }, telemetry, NullLogger.Instance);
        _listening = listener.Start(Count, _stop.Token);
    }

    /// <summary>Changes the campaign's tracker under the monitor's lock.</summary>
    public void Track(Action<CampaignTracker> change)
    {
        lock (_gate)
        {
            change(_tracker);
        }
    }

    /// <summary>Reads or changes the campaign's tracker under the monitor's lock.</summary>
    public T Track<T>(Func<CampaignTracker, T> read)
    {
        lock (_gate)
        {
            return read(_tracker);
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

    /// <summary>The structures the planner proposed for the campaign so far, each with its provenance.</summary>
    public IReadOnlyList<PlannedStructure> Planned
    {
        get
        {
            lock (_gate)
            {
                return [.. _planned.Values];
            }
        }
    }

    /// <summary>The spec of a structure the planner proposed, or null (what a resubmission sends again).</summary>
    public StructureSpec? PlannedSpec(string id)
    {
        lock (_gate)
        {
            return _planned.GetValueOrDefault(id)?.Spec;
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

    /// <summary>The latest answer to <paramref name="requestId"/> on predictions, or null.</summary>
    public PredictionAnswer? Prediction(string requestId)
    {
        lock (_gate)
        {
            return _predictions.GetValueOrDefault(requestId);
        }
    }

    public void Dispose()
    {
        _stop.Cancel();
        try
        {
            _listening.Wait(TimeSpan.FromSeconds(10));
        }
        catch (AggregateException)
        {
            // A monitor that died has already shown as a stalled campaign; disposing must not hide the run's own error.
        }
        _stop.Dispose();
    }

    private void Count(InboundRecord record)
    {
        var key = record.Key ?? string.Empty;
        lock (_gate)
        {
            if (StageOf.TryGetValue(record.Topic, out var stage))
            {
                if (!_tracker.Observe(key, stage, DateTime.UtcNow))
                {
                    Early(key, t => t.Observe(key, stage, DateTime.UtcNow));
                }

                CollectBlobs(key, stage, record);
            }
            else if (record.Topic == Topics.StructureSpec)
            {
                JoinPlanned(key, record);
            }
            else if (record.Topic.EndsWith(Topics.DeadLetterSuffix, StringComparison.Ordinal))
            {
                var reason = record.Header(MessageHeaders.ErrorMessage) ?? "no reason given";
                if (record.Header(MessageHeaders.ErrorType) == DeadLetterHeaders.LogTruncated)
                {
                    _tracker.LogTruncated(reason);
                }
                else
                {
                    if (_tracker.Holds(key))
                    {
                        _tracker.DeadLetter(key, record.Topic, reason, DateTime.UtcNow);
                    }
                    else
                    {
                        Early(key, t => t.DeadLetter(key, record.Topic, reason, DateTime.UtcNow));
                    }
                }
            }
            else if (record.Topic == Topics.Predictions)
            {
                _predictions[key] = new PredictionAnswer(PredictionJson.Decode(record.Value), System.Text.Encoding.UTF8.GetString(record.Value));
            }
            else if (record.Topic == Topics.ModelTrained)
            {
                try
                {
                    var model = ModelArtifactCodec.Decode(record.Value);
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

    /// <summary>
    /// A planner's spec for this campaign joins the tracker with its provenance headers, and whatever the stage topics
    /// said of it before the monitor read the spec (topics are read concurrently) is replayed. A record without the
    /// planner's headers, or of another campaign, or that is not a spec, is not the monitor's business.
    /// </summary>
    private void JoinPlanned(string key, InboundRecord record)
    {
        var culture = System.Globalization.CultureInfo.InvariantCulture;
        if (!int.TryParse(record.Header(MessageHeaders.AcquisitionModelVersion), System.Globalization.NumberStyles.Integer, culture, out var version))
        {
            return;
        }

        StructureSpec spec;
        try
        {
            spec = StructureSpec.Parse(record.Value);
        }
        catch (InvalidMessageException)
        {
            return;
        }

        if (spec.Campaign != _plannedCampaign || spec.Id != key || _tracker.Holds(key))
        {
            return;
        }

        // Headers parsed before the spec joins: a malformed score or rank must not leave a joined id without its spec.
        var score = double.TryParse(record.Header(MessageHeaders.AcquisitionScore), System.Globalization.NumberStyles.Float, culture, out var s) ? s : double.NaN;
        var rank = int.TryParse(record.Header(MessageHeaders.AcquisitionRank), System.Globalization.NumberStyles.Integer, culture, out var r) ? r : -1;
        _planned[key] = new PlannedStructure(spec, version, score, rank, record.Header(MessageHeaders.AcquisitionMethod) ?? string.Empty);
        _tracker.Join(key, DateTime.UtcNow);
        foreach (var replay in _early.Remove(key, out var early) ? early : [])
        {
            replay(_tracker);
        }
    }

    /// <summary>An active campaign's stage record of an id the monitor has not seen proposed yet: kept to replay when it joins.</summary>
    private void Early(string key, Action<CampaignTracker> observation)
    {
        if (_plannedCampaign is null || _planned.ContainsKey(key))
        {
            return;
        }

        if (!_early.TryGetValue(key, out var list))
        {
            _early[key] = list = [];
        }

        list.Add(observation);
    }

    private void CollectBlobs(string key, CampaignStage stage, InboundRecord record)
    {
        if (_blobs is null)
        {
            return;
        }

        if (stage == CampaignStage.Described)
        {
            foreach (var blob in _blobsOf.Remove(key, out var done) ? done : [])
            {
                _blobs.Delete(blob);
            }
        }
        else if (record.Header(MessageHeaders.ClaimCheck) is { } reference)
        {
            if (!_blobsOf.TryGetValue(key, out var references))
            {
                _blobsOf[key] = references = [];
            }

            references.Add(reference);
        }
    }
}

/// <summary>A structure the planner proposed: its spec, the model version it was chosen under, its acquisition score and rank in the batch, and how it was chosen.</summary>
internal sealed record PlannedStructure(StructureSpec Spec, int ModelVersion, double Score, int Rank, string Method);

/// <summary>An answer on predictions: the typed result and its JSON as the predictor wrote it.</summary>
internal sealed record PredictionAnswer(PredictionResult Result, string Json);

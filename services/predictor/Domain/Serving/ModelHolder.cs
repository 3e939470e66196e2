using MesoStream.Contracts.Models;
using MesoStream.Modelling.Serving;

namespace MesoStream.Predictor.Serving;

/// <summary>
/// The model being served, swapped atomically. A caller reads <see cref="Current"/> once and predicts a whole request
/// with that reference; artifacts are immutable and their <c>Predict</c> thread-safe, so a swap never disturbs a
/// request in flight — it finishes on the version it started with, and the next request sees the new one. Versions
/// only move forward: the trainer republishes its latest version at start-up and the topic is replayed at ours.
/// </summary>
public sealed class ModelHolder
{
    private readonly Lock _gate = new();
    private readonly TaskCompletionSource _firstLoaded = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private ModelArtifact? _current;

    /// <summary>The model now served, or null before the first one arrived.</summary>
    public ModelArtifact? Current => Volatile.Read(ref _current);

    /// <summary>Serves <paramref name="candidate"/> if it is newer than the current model; returns whether it swapped.</summary>
    public bool Offer(ModelArtifact candidate)
    {
        ArgumentNullException.ThrowIfNull(candidate);
        lock (_gate)
        {
            if (_current is { } served && candidate.Version <= served.Version)
            {
                return false;
            }

            Volatile.Write(ref _current, candidate);
        }

        _firstLoaded.TrySetResult();
        return true;
    }

    /// <summary>Completes once a model is served (at once if one already is).</summary>
    public Task WaitForFirstAsync(CancellationToken cancellationToken) => _firstLoaded.Task.WaitAsync(cancellationToken);
}

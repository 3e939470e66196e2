using MesoStream.Contracts.Models;
using System.Diagnostics;
using System.Threading.Channels;

namespace MesoStream.Trainer.Service;

/// <summary>
/// Why a training run starts, and the trace it continues (the structure or request that caused it). A requested run
/// always compares the models afresh; a count-triggered one may only refit (<see cref="Workflow.ComparisonSchedule"/>).
/// </summary>
public sealed record RetrainingTrigger(string Reason, ActivityContext Cause, bool Requested = false);

/// <summary>
/// When to retrain: once the durable dataset holds at least <see cref="TrainerOptions.MinimumRows"/> structures and
/// <see cref="TrainerOptions.RetrainEvery"/> more than at the last run (the first run: as soon as the minimum is
/// reached), or on demand (a training-requested record). Triggers that arrive while a run is pending or in progress
/// coalesce into one, so a burst of arrivals or requests costs one extra run, not many.
/// </summary>
public sealed class RetrainingPolicy
{
    private readonly TrainerOptions _options;
    private readonly Channel<RetrainingTrigger> _triggers = Channel.CreateBounded<RetrainingTrigger>(
        new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropWrite });
    private readonly Lock _gate = new();
    private int _rowsAtLastRun;
    private int _rows;

    /// <summary>Resumes counting from the dataset size of the latest model version on disk (none: −1, never trained).</summary>
    public RetrainingPolicy(TrainerOptions options, ModelVersions versions)
    {
        _options = options;
        _rowsAtLastRun = versions.LatestArtifact()?.Artifact.DatasetRows ?? -1;
    }

    /// <summary>The durable dataset now holds <paramref name="rows"/> structures; the last arrival's trace is the cause.</summary>
    public void Observe(int rows, ActivityContext cause)
    {
        lock (_gate)
        {
            _rows = rows;
            bool due = rows >= _options.MinimumRows
                && (_rowsAtLastRun < 0 || rows - _rowsAtLastRun >= _options.RetrainEvery);
            if (due)
            {
                _triggers.Writer.TryWrite(new RetrainingTrigger($"{rows} structures (every {_options.RetrainEvery})", cause));
            }
        }
    }

    public void Request(string reason, ActivityContext cause) =>
        _triggers.Writer.TryWrite(new RetrainingTrigger("requested: " + reason, cause, Requested: true));

    public ValueTask<RetrainingTrigger> NextAsync(CancellationToken cancellationToken) => _triggers.Reader.ReadAsync(cancellationToken);

    /// <summary>A run over <paramref name="rows"/> structures finished (or failed for want of usable rows): the count restarts there.</summary>
    public void Ran(int rows)
    {
        lock (_gate)
        {
            _rowsAtLastRun = rows;
        }

        Observe(_rows, default);
    }
}

using System.Diagnostics;
using MesoStream.Contracts.Messaging;
using MesoStream.Infra.Kafka;
using MesoStream.Trainer.Dataset;
using Microsoft.Extensions.Logging;

namespace MesoStream.Trainer.Service;

/// <summary>
/// The trainer's state: the <see cref="TrainingDataset"/> folded from descriptors-computed, persisted in the data
/// directory before the offsets of the records it holds are committed (<see cref="ICommitParticipant"/>), so a crash
/// at any point loses nothing (uncommitted records are consumed again) and double-counts nothing (the fold ignores ids
/// it holds). After each save it tells the <see cref="RetrainingPolicy"/> how large the durable dataset is.
/// </summary>
public sealed class DatasetStore : ICommitParticipant
{
    private readonly TrainingDataset _dataset;
    private readonly RetrainingPolicy _policy;
    private readonly ILogger<DatasetStore> _logger;
    private readonly Lock _gate = new();
    private ActivityContext _lastArrival;
    private int _unsaved;

    public DatasetStore(TrainerOptions options, RetrainingPolicy policy, ILogger<DatasetStore> logger)
    {
        _dataset = TrainingDataset.OpenAsync(options.DataDirectory).GetAwaiter().GetResult();
        _policy = policy;
        _logger = logger;
        _logger.LogInformation("trainer: dataset in {Directory} holds {Count} structures", options.DataDirectory, _dataset.Count);
        _policy.Observe(_dataset.Count, default);
    }

    /// <summary>
    /// Folds one record's rows, all or none; returns how many were new (the rest are redeliveries of rows it holds).
    /// A row under a known id with other values is a conflict: nothing is folded and the record is refused naming the
    /// id and the columns that differ, so it goes to the dead-letter topic instead of being silently dropped.
    /// </summary>
    public int Fold(IReadOnlyList<DatasetRecord> rows, ActivityContext arrival)
    {
        lock (_gate)
        {
            var conflicts = new FieldErrors();
            var batch = new Dictionary<string, DatasetRecord>();
            foreach (var row in rows)
            {
                var columns = batch.TryGetValue(row.Id, out var earlier) ? TrainingDataset.DifferingColumns(earlier, row) : _dataset.ConflictingColumns(row);
                batch.TryAdd(row.Id, row);
                if (columns.Count > 0)
                {
                    conflicts.Add("id", $"structure \"{row.Id}\" is already in the dataset (or earlier in this record) with other values ({string.Join(", ", columns)}); " +
                        "a different structure needs a new id");
                }
            }

            conflicts.ThrowIfAny();
            var (added, _) = _dataset.Fold(rows);
            if (added > 0)
            {
                _unsaved += added;
                _lastArrival = arrival;
            }

            return added;
        }
    }

    /// <summary>The rows as they are now, for a training run that must not see later arrivals.</summary>
    public IReadOnlyList<DatasetRecord> Snapshot()
    {
        lock (_gate)
        {
            return [.. _dataset.Rows];
        }
    }

    public void BeforeCommit()
    {
        int count;
        ActivityContext arrival;
        lock (_gate)
        {
            if (_unsaved == 0)
            {
                return;
            }

            _dataset.SaveAsync().GetAwaiter().GetResult();
            _logger.LogInformation("trainer: {Added} new structures saved, dataset holds {Count}", _unsaved, _dataset.Count);
            _unsaved = 0;
            count = _dataset.Count;
            arrival = _lastArrival;
        }

        _policy.Observe(count, arrival);
    }
}

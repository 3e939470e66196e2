namespace MesoStream.Planner.Service;

/// <summary>
/// The model states this planner process has proposed a batch for. A second model record on the same dataset — a
/// requested retraining that coalesced with a scheduled one, or the trainer republishing its latest version when it
/// restarts (same version, new offset) — would plan the very same specs, the plan being a function of the rows, and
/// send every one through the pipeline twice; it is skipped, as is a version older than one already planned from. The
/// same record again (same partition and offset) is planned again: that is the hop redelivering a record whose
/// transaction aborted, so its first batch never reached the log. In memory only: after a planner restart, the hop's
/// committed offsets keep a planned record from being read again, but a trainer that restarts while the planner is
/// down republishes a version the new planner process has not seen, and plans it again (docs/active-learning.md).
/// </summary>
public sealed class PlannedModels
{
    private readonly Dictionary<string, (int Partition, long Offset)> _recordOf = new(StringComparer.Ordinal);
    private readonly Lock _gate = new();
    private int _newest;

    /// <summary>True when a batch should be planned for the model in this record.</summary>
    public bool Claim(int version, string datasetHash, int partition, long offset)
    {
        lock (_gate)
        {
            if (_recordOf.TryGetValue(datasetHash, out var planned))
            {
                return planned == (partition, offset);
            }

            if (version < _newest)
            {
                return false;
            }

            _recordOf[datasetHash] = (partition, offset);
            _newest = version;
            return true;
        }
    }
}

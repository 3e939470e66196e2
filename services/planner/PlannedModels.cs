namespace MesoStream.Planner.Service;

/// <summary>
/// The model states this planner process has proposed a batch for. A second model version trained on the same
/// dataset (a requested retraining that coalesced with a scheduled one, or the trainer republishing its latest version
/// at start) would plan the very same specs — the plan is a function of the rows — and send every one through the
/// pipeline twice; it is skipped, as is a version older than one already planned from. The same version again is
/// planned again: that is the hop redelivering a record whose transaction aborted, so its first batch never reached
/// the log. In memory only: after a restart, the hop's committed offsets keep a planned model from being read again.
/// </summary>
public sealed class PlannedModels
{
    private readonly Dictionary<string, int> _versionOf = new(StringComparer.Ordinal);
    private readonly Lock _gate = new();
    private int _newest;

    /// <summary>True when a batch should be planned for this model.</summary>
    public bool Claim(int version, string datasetHash)
    {
        lock (_gate)
        {
            if (_versionOf.TryGetValue(datasetHash, out var planned))
            {
                return planned == version;
            }

            if (version < _newest)
            {
                return false;
            }

            _versionOf[datasetHash] = version;
            _newest = version;
            return true;
        }
    }
}

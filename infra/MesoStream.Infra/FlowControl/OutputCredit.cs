namespace MesoStream.Infra.FlowControl;

/// <summary>
/// Credit-based backpressure for one output topic. A measurement of the downstream backlog grants
/// <c>capacity − backlog</c> records on the fullest partition, capacity being the bounds of
/// <see cref="FlowControlOptions"/> divided by the largest recent record; every record produced spends one credit
/// (wherever the partitioner puts it, so the bound holds on every partition). When the credit is spent the stage
/// commits, measures again, and pauses its input if there is still none.
/// <para>
/// Offsets are not records: a transactional producer writes a commit marker after its records, and a consumer that
/// has read everything commits the offset of that marker, so one unconsumed offset per partition is no record at all.
/// With <c>transactionalOutput</c> the fullest partition's backlog is counted one offset short. Markers in the middle
/// of a backlog still count as records, which errs on the safe side.
/// </para>
/// <para>
/// Until this stage has produced a record it does not know their size and assumes the worst (one record fills the
/// byte bound): a restarted stage adds at most one record per partition before it knows better.
/// </para>
/// </summary>
public sealed class OutputCredit
{
    private const int SizeWindow = 64;
    private readonly Func<long[]> _measure;
    private readonly FlowControlOptions _options;
    private readonly int _markerSlack;
    private readonly long[] _recentSizes = new long[SizeWindow];
    private int _sizesSeen;
    private long _largestRecent;
    private long _worstBacklog;
    private long _spentSinceMeasure;

    public OutputCredit(Func<long[]> measure, FlowControlOptions options, bool transactionalOutput)
    {
        _measure = measure;
        _options = options;
        _markerSlack = transactionalOutput ? 1 : 0;
        _largestRecent = options.MaxBacklogBytes;
    }

    /// <summary>Records the stage may still produce before it must look at the downstream backlog again.</summary>
    public long Remaining => Capacity - _worstBacklog - _spentSinceMeasure;

    /// <summary>Records allowed unconsumed per partition at the current record size: at least one.</summary>
    public long Capacity => Math.Max(1, Math.Min(_options.MaxBacklogRecords, _options.MaxBacklogBytes / Math.Max(1, _largestRecent)));

    /// <summary>Unconsumed records on the fullest partition at the last measurement.</summary>
    public long WorstBacklog => _worstBacklog;

    /// <summary>Bytes of the largest of the recent records, the size every backlog record is assumed to have.</summary>
    public long RecordBytes => _largestRecent;

    /// <summary>One record of <paramref name="bytes"/> was produced to the output topic.</summary>
    public void Spend(long bytes)
    {
        _spentSinceMeasure++;
        _recentSizes[_sizesSeen++ % SizeWindow] = bytes;
        _largestRecent = 0;
        for (var i = 0; i < Math.Min(_sizesSeen, SizeWindow); i++)
        {
            _largestRecent = Math.Max(_largestRecent, _recentSizes[i]);
        }
    }

    /// <summary>Measures the downstream backlog (everything spent must be committed by now) and returns the credit.</summary>
    public long Refill()
    {
        var backlog = _measure();
        _worstBacklog = backlog.Length == 0 ? 0 : Math.Max(0, backlog.Max() - _markerSlack);
        _spentSinceMeasure = 0;
        return Remaining;
    }
}

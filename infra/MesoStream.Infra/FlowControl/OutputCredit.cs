namespace MesoStream.Infra.FlowControl;

/// <summary>
/// Credit-based backpressure for one output topic, per partition. A measurement of the downstream backlog grants
/// partition p <c>capacity − backlog(p)</c> records, capacity being the bounds of <see cref="FlowControlOptions"/>
/// divided by the largest recent record; each record produced to p spends one of p's credits (a record whose partition
/// the producer does not know spends one on every partition, so the bound holds wherever it lands). A stage out of
/// credit on a partition commits, measures again, and holds back the input that feeds it until there is room.
/// <para>
/// Offsets are not records: a transactional producer writes a commit marker after its records, and a consumer that
/// has read everything commits the offset of that marker, so one unconsumed offset per partition is no record at all.
/// With <c>transactionalOutput</c> each partition's backlog is counted one offset short. Markers in the middle of a
/// backlog still count as records, which errs on the safe side.
/// </para>
/// <para>
/// Until this stage has produced a record it does not know their size and assumes the worst (one record fills the
/// byte bound): a restarted stage adds at most one record per partition before it knows better.
/// </para>
/// </summary>
public sealed class OutputCredit
{
    /// <summary>Spend on every partition: the producer's partitioner, not this stage, places the record.</summary>
    public const int AnyPartition = -1;

    private const int SizeWindow = 64;
    private readonly Func<long[]> _measure;
    private readonly FlowControlOptions _options;
    private readonly int _markerSlack;
    private readonly long[] _recentSizes = new long[SizeWindow];
    private readonly long[] _backlog;
    private readonly long[] _spent;
    private int _sizesSeen;
    private long _largestRecent;

    public OutputCredit(Func<long[]> measure, int partitions, FlowControlOptions options, bool transactionalOutput)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(partitions, 1);
        _measure = measure;
        _options = options;
        _markerSlack = transactionalOutput ? 1 : 0;
        _largestRecent = options.MaxBacklogBytes;
        _backlog = new long[partitions];
        _spent = new long[partitions];
    }

    public int Partitions => _backlog.Length;

    /// <summary>Records allowed unconsumed per partition at the current record size: at least one.</summary>
    public long Capacity => Math.Max(1, Math.Min(_options.MaxBacklogRecords, _options.MaxBacklogBytes / Math.Max(1, _largestRecent)));

    /// <summary>Bytes of the largest of the recent records, the size every backlog record is assumed to have.</summary>
    public long RecordBytes => _largestRecent;

    /// <summary>Records this stage may still produce to <paramref name="partition"/> before it must measure again.</summary>
    public long Remaining(int partition) => Capacity - _backlog[partition] - _spent[partition];

    /// <summary>The credit of the fullest partition: what a record of unknown partition may use.</summary>
    public long MinRemaining
    {
        get
        {
            var min = long.MaxValue;
            for (var p = 0; p < _backlog.Length; p++)
            {
                min = Math.Min(min, Remaining(p));
            }

            return min;
        }
    }

    /// <summary>Unconsumed records on the fullest partition at the last measurement.</summary>
    public long WorstBacklog => _backlog.Max();

    /// <summary>One record of <paramref name="bytes"/> was produced to <paramref name="partition"/> (or <see cref="AnyPartition"/>).</summary>
    public void Spend(int partition, long bytes)
    {
        if (partition == AnyPartition)
        {
            for (var p = 0; p < _spent.Length; p++)
            {
                _spent[p]++;
            }
        }
        else
        {
            _spent[partition]++;
        }

        _recentSizes[_sizesSeen++ % SizeWindow] = bytes;
        _largestRecent = 0;
        for (var i = 0; i < Math.Min(_sizesSeen, SizeWindow); i++)
        {
            _largestRecent = Math.Max(_largestRecent, _recentSizes[i]);
        }
    }

    /// <summary>Measures the downstream backlog; everything spent must be committed (visible) by now.</summary>
    public void Refill()
    {
        var backlog = _measure();
        for (var p = 0; p < _backlog.Length; p++)
        {
            _backlog[p] = p < backlog.Length ? Math.Max(0, backlog[p] - _markerSlack) : 0;
            _spent[p] = 0;
        }
    }
}

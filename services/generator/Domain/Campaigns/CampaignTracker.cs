namespace MesoStream.Generator.Campaigns;

/// <summary>
/// Follows every structure of a campaign through its lifecycle — submitted → generated → solved → described — from
/// the stage topics, and decides what to do when the pipeline stops moving. A structure is done when described or
/// dead-lettered (refused, with a reason). If no structure reaches a new stage for the stall time-out, every one not
/// done is missing: it was lost (a truncated log), or a stage hangs. Missing structures are resubmitted (their ids are
/// content hashes, so a copy that was only late dedupes in the dataset) until they have been submitted
/// <see cref="MaxSubmissions"/> times; then the campaign gives up, and <see cref="Stall"/> says which ids are missing
/// at which stage and what the dead-letter topics said.
/// <para>
/// A structure counts as missing only once its spec has reached the broker (<see cref="Delivered"/>, or any stage
/// topic): specs still queued behind flow control are waiting, not lost, and are neither reported nor resubmitted.
/// </para>
/// <para>
/// Duplicates are counted per stage for structures submitted once: a second record of such an id on a stage topic
/// is a broken exactly-once guarantee, not a resubmission.
/// </para>
/// Not thread-safe: the caller serialises access.
/// </summary>
public sealed class CampaignTracker
{
    private readonly Dictionary<string, Entry> _entries;
    private readonly int[] _reached = new int[Enum.GetValues<CampaignStage>().Length];
    private readonly int[] _duplicates = new int[Enum.GetValues<CampaignStage>().Length];
    private readonly List<string> _truncations = [];
    private DateTime _lastProgress;

    public CampaignTracker(IEnumerable<string> ids, DateTime now, int maxSubmissions = 3)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxSubmissions, 1);
        _entries = ids.Distinct().ToDictionary(id => id, _ => new Entry());
        _reached[(int)CampaignStage.Submitted] = _entries.Count;
        MaxSubmissions = maxSubmissions;
        _lastProgress = now;
    }

    public int MaxSubmissions { get; }

    public int Count => _entries.Count;

    /// <summary>Whether <paramref name="id"/> is one of the campaign's structures.</summary>
    public bool Holds(string id) => _entries.ContainsKey(id);

    /// <summary>Structures that reached <paramref name="stage"/> (or a later one).</summary>
    public int Reached(CampaignStage stage) => _reached[(int)stage];

    /// <summary>Second records of once-submitted structures on a stage topic.</summary>
    public int Duplicates(CampaignStage stage) => _duplicates[(int)stage];

    public int DeadLettered => _entries.Values.Count(e => e.DeadLetter is not null);

    public int Resubmitted => _entries.Values.Count(e => e.Submissions > 1);

    public bool Complete => _entries.Values.All(e => e.Done);

    /// <summary>Structures described or dead-lettered.</summary>
    public IEnumerable<string> Done => _entries.Where(e => e.Value.Done).Select(e => e.Key);

    /// <summary>Times a stage reported records lost to log truncation (each with the lost offsets).</summary>
    public IReadOnlyList<string> Truncations => _truncations;

    /// <summary>Structures done before this run (a resumed campaign: already in the dataset).</summary>
    public void AlreadyDescribed(IEnumerable<string> ids, DateTime now)
    {
        foreach (var id in ids)
        {
            Observe(id, CampaignStage.Described, now);
        }
    }

    /// <summary>
    /// A structure joined the campaign after it started: the active-learning planner proposed it on structure-spec
    /// (so it counts as sent, and can go missing). False when the campaign already holds it.
    /// </summary>
    public bool Join(string id, DateTime now)
    {
        if (_entries.ContainsKey(id))
        {
            return false;
        }

        _entries[id] = new Entry { Sent = true };
        _reached[(int)CampaignStage.Submitted]++;
        _lastProgress = now;
        return true;
    }

    /// <summary>The broker acknowledged the spec of <paramref name="id"/> on structure-spec: from now on it can go missing.</summary>
    public void Delivered(string id)
    {
        if (_entries.TryGetValue(id, out var entry))
        {
            entry.Sent = true;
        }
    }

    /// <summary>A record of <paramref name="id"/> on the topic of <paramref name="stage"/>; false when it is not this campaign's.</summary>
    public bool Observe(string id, CampaignStage stage, DateTime now)
    {
        if (!_entries.TryGetValue(id, out var entry))
        {
            return false;
        }

        if (entry.Seen.Contains(stage))
        {
            if (entry.Submissions == 1)
            {
                _duplicates[(int)stage]++;
            }

            return true;
        }

        entry.Sent = true;
        entry.Seen.Add(stage);
        for (var s = entry.Stage + 1; s <= stage; s++)
        {
            _reached[(int)s]++;
        }

        if (stage > entry.Stage)
        {
            entry.Stage = stage;
            _lastProgress = now;
        }

        return true;
    }

    /// <summary>A stage refused <paramref name="id"/>: it is done, with the reason.</summary>
    public void DeadLetter(string id, string topic, string reason, DateTime now)
    {
        if (_entries.TryGetValue(id, out var entry) && entry.DeadLetter is null && entry.Stage != CampaignStage.Described)
        {
            entry.DeadLetter = $"{topic}: {reason}";
            _lastProgress = now;
        }
    }

    /// <summary>A stage found records gone from its input log before it read them.</summary>
    public void LogTruncated(string description) => _truncations.Add(description);

    /// <summary>The structures not done, if nothing reached a new stage for <paramref name="timeout"/>; otherwise null.</summary>
    public CampaignStall? Stall(DateTime now, TimeSpan timeout)
    {
        if (Complete || now - _lastProgress < timeout)
        {
            return null;
        }

        var missing = _entries.Where(e => e.Value.Missing)
            .GroupBy(e => e.Value.Stage)
            .ToDictionary(g => g.Key, g => (IReadOnlyList<string>)[.. g.Select(e => e.Key).Order(StringComparer.Ordinal)]);
        var exhausted = _entries.Where(e => e.Value.Missing).All(e => e.Value.Submissions >= MaxSubmissions);
        var queued = _entries.Values.Count(e => !e.Done && !e.Sent);
        return new CampaignStall(now - _lastProgress, missing, [.. _truncations], exhausted, queued);
    }

    /// <summary>
    /// Marks the missing structures that may still be tried as submitted once more (queued again: missing once the
    /// broker acknowledges the new copy) and returns their ids (none when the stall is
    /// <see cref="CampaignStall.Exhausted"/>); the stall clock restarts.
    /// </summary>
    public IReadOnlyList<string> Resubmit(DateTime now)
    {
        var again = _entries.Where(e => e.Value.Missing && e.Value.Submissions < MaxSubmissions).Select(e => e.Key).Order(StringComparer.Ordinal).ToList();
        foreach (var id in again)
        {
            _entries[id].Submissions++;
            _entries[id].Sent = false;
        }

        _lastProgress = now;
        return again;
    }

    /// <summary>Submissions of each structure so far (to persist a campaign and resume it).</summary>
    public IReadOnlyDictionary<string, int> Submissions => _entries.ToDictionary(e => e.Key, e => e.Value.Submissions);

    /// <summary>Restores submission counts of a resumed campaign.</summary>
    public void RestoreSubmissions(IReadOnlyDictionary<string, int> submissions)
    {
        foreach (var (id, count) in submissions)
        {
            if (_entries.TryGetValue(id, out var entry))
            {
                entry.Submissions = Math.Max(1, count);
            }
        }
    }

    private sealed class Entry
    {
        public CampaignStage Stage { get; set; } = CampaignStage.Submitted;
        public HashSet<CampaignStage> Seen { get; } = [];
        public int Submissions { get; set; } = 1;
        public string? DeadLetter { get; set; }
        public bool Sent { get; set; }
        public bool Done => Stage == CampaignStage.Described || DeadLetter is not null;
        public bool Missing => Sent && !Done;
    }
}

/// <summary>
/// The pipeline stopped moving: how long nothing reached a new stage, the structures missing at each stage (the stage
/// is the last one they reached, so the next service is the one that did not deliver), what the stages reported lost,
/// whether every missing structure has used all its submissions, and how many specs still wait to be sent.
/// </summary>
public sealed record CampaignStall(
    TimeSpan Idle,
    IReadOnlyDictionary<CampaignStage, IReadOnlyList<string>> Missing,
    IReadOnlyList<string> Truncations,
    bool Exhausted,
    int Queued)
{
    public int MissingCount => Missing.Values.Sum(ids => ids.Count);
}

using MesoStream.Generator.Campaigns;

namespace MesoStream.Generator.Tests;

public sealed class CampaignTrackerTests
{
    private static readonly DateTime T0 = new(2026, 12, 3, 12, 0, 0, DateTimeKind.Utc);
    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(2);

    [Fact]
    public void Stages_count_each_structure_once_whatever_order_the_topics_are_read_in()
    {
        var tracker = new CampaignTracker(["a", "b", "c"], T0);
        tracker.Observe("a", CampaignStage.Described, T0);
        tracker.Observe("a", CampaignStage.Generated, T0);
        tracker.Observe("b", CampaignStage.Generated, T0);
        Assert.False(tracker.Observe("not-ours", CampaignStage.Generated, T0));

        Assert.Equal(3, tracker.Reached(CampaignStage.Submitted));
        Assert.Equal(2, tracker.Reached(CampaignStage.Generated));
        Assert.Equal(1, tracker.Reached(CampaignStage.Solved));
        Assert.Equal(1, tracker.Reached(CampaignStage.Described));
        Assert.Equal(0, tracker.Duplicates(CampaignStage.Generated));
        Assert.False(tracker.Complete);
    }

    [Fact]
    public void A_second_record_of_a_structure_submitted_once_is_a_duplicate_but_not_of_a_resubmitted_one()
    {
        var tracker = new CampaignTracker(["a", "b"], T0);
        tracker.Delivered("b");
        tracker.Observe("a", CampaignStage.Generated, T0);
        tracker.Observe("a", CampaignStage.Generated, T0);
        Assert.Equal(1, tracker.Duplicates(CampaignStage.Generated));

        var stall = tracker.Stall(T0 + Timeout, Timeout);
        Assert.NotNull(stall);
        Assert.Equal(["a", "b"], tracker.Resubmit(T0 + Timeout));
        tracker.Observe("b", CampaignStage.Generated, T0 + Timeout);
        tracker.Observe("b", CampaignStage.Generated, T0 + Timeout);
        Assert.Equal(1, tracker.Duplicates(CampaignStage.Generated));
        Assert.Equal(2, tracker.Resubmitted);
    }

    [Fact]
    public void Progress_at_any_stage_postpones_the_stall_and_a_stall_names_the_stage_each_missing_structure_reached()
    {
        var tracker = new CampaignTracker(["a", "b", "c", "d"], T0);
        tracker.Delivered("d");
        tracker.Observe("a", CampaignStage.Described, T0 + TimeSpan.FromMinutes(1));
        tracker.Observe("b", CampaignStage.Solved, T0 + TimeSpan.FromMinutes(1));
        tracker.DeadLetter("c", "structure-spec", "v_am: 0.9 is outside [0.4, 0.8]", T0 + TimeSpan.FromMinutes(1));
        tracker.LogTruncated("offsets [3, 9) of voxel-ready[1] were removed by the broker before solver read them");

        Assert.Null(tracker.Stall(T0 + Timeout, Timeout));
        var stall = tracker.Stall(T0 + TimeSpan.FromMinutes(3), Timeout)!;
        Assert.Equal(2, stall.MissingCount);
        Assert.Equal(["b"], stall.Missing[CampaignStage.Solved]);
        Assert.Equal(["d"], stall.Missing[CampaignStage.Submitted]);
        Assert.Single(stall.Truncations);
        Assert.False(stall.Exhausted);
        Assert.Equal(1, tracker.DeadLettered);
    }

    [Fact]
    public void Resubmission_stops_after_the_last_allowed_submission_and_the_stall_is_then_exhausted()
    {
        var tracker = new CampaignTracker(["a", "b"], T0, maxSubmissions: 2);
        tracker.Delivered("b");
        tracker.Observe("a", CampaignStage.Described, T0);
        var now = T0 + Timeout;
        Assert.Equal(["b"], tracker.Resubmit(now));
        Assert.Null(tracker.Stall(now + TimeSpan.FromSeconds(1), Timeout));
        tracker.Delivered("b");

        now += Timeout;
        var stall = tracker.Stall(now, Timeout)!;
        Assert.True(stall.Exhausted);
        Assert.Empty(tracker.Resubmit(now));

        tracker.Observe("b", CampaignStage.Described, now);
        Assert.True(tracker.Complete);
        Assert.Null(tracker.Stall(now + Timeout, Timeout));
    }

    [Fact]
    public void Specs_still_queued_behind_flow_control_are_waiting_not_missing_and_are_not_resubmitted()
    {
        var tracker = new CampaignTracker(["a", "b", "c"], T0);
        tracker.Delivered("a");

        var stall = tracker.Stall(T0 + Timeout, Timeout)!;
        Assert.Equal(["a"], stall.Missing[CampaignStage.Submitted]);
        Assert.Equal(2, stall.Queued);
        Assert.Equal(["a"], tracker.Resubmit(T0 + Timeout));

        var later = T0 + Timeout + Timeout;
        var waiting = tracker.Stall(later, Timeout)!;
        Assert.Equal(0, waiting.MissingCount);
        Assert.Equal(3, waiting.Queued);
        Assert.True(waiting.Exhausted, "nothing is left to resubmit: the specs that cannot be sent are the stall");
        Assert.Empty(tracker.Resubmit(later));
        Assert.Equal(2, tracker.Submissions["a"]);
        Assert.Equal(1, tracker.Submissions["b"]);
    }

    [Fact]
    public void A_resumed_campaign_counts_what_the_dataset_already_holds_and_keeps_its_submission_counts()
    {
        var tracker = new CampaignTracker(["a", "b", "c"], T0);
        tracker.AlreadyDescribed(["a", "b", "unknown"], T0);
        tracker.RestoreSubmissions(new Dictionary<string, int> { ["c"] = 2 });

        Assert.Equal(2, tracker.Reached(CampaignStage.Described));
        Assert.Equal(2, tracker.Submissions["c"]);
        Assert.Equal(1, tracker.Resubmitted);
    }

    [Fact]
    public void A_structure_the_planner_proposes_joins_as_sent_and_keeps_the_campaign_open_until_described()
    {
        var tracker = new CampaignTracker(["a"], T0);
        tracker.Observe("a", CampaignStage.Described, T0);
        Assert.True(tracker.Complete);

        Assert.True(tracker.Join("p", T0));
        Assert.False(tracker.Join("p", T0));
        Assert.False(tracker.Join("a", T0));
        Assert.True(tracker.Holds("p"));
        Assert.False(tracker.Complete);
        Assert.Equal(2, tracker.Reached(CampaignStage.Submitted));

        // Sent on joining: it can go missing, and be resubmitted, like a spec up sent itself.
        var stall = tracker.Stall(T0 + Timeout, Timeout);
        Assert.NotNull(stall);
        Assert.Equal(["p"], stall.Missing[CampaignStage.Submitted]);
        tracker.Observe("p", CampaignStage.Described, T0 + Timeout);
        Assert.True(tracker.Complete);
        Assert.Equal(2, tracker.Reached(CampaignStage.Described));
    }
}

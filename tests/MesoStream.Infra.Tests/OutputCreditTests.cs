using MesoStream.Infra.FlowControl;

namespace MesoStream.Infra.Tests;

public sealed class OutputCreditTests
{
    private static readonly FlowControlOptions Bounds = new() { MaxBacklogBytes = 1000, MaxBacklogRecords = 50 };

    [Fact]
    public void Before_any_record_the_size_is_unknown_and_one_record_per_partition_is_allowed()
    {
        var credit = new OutputCredit(() => [0, 0], 2, Bounds, transactionalOutput: true);
        credit.Refill();
        Assert.Equal(1, credit.Capacity);
        Assert.Equal(1, credit.Remaining(0));
    }

    [Fact]
    public void Capacity_is_the_byte_bound_over_the_largest_recent_record_capped_by_the_record_bound()
    {
        var credit = new OutputCredit(() => [0], 1, Bounds, transactionalOutput: false);
        credit.Spend(0, 100);
        credit.Spend(0, 300);
        Assert.Equal(3, credit.Capacity);
        for (var i = 0; i < 64; i++)
        {
            credit.Spend(0, 10);
        }

        Assert.Equal(50, credit.Capacity);
        credit.Spend(0, 5000);
        Assert.Equal(1, credit.Capacity);
    }

    [Fact]
    public void Each_partition_spends_its_own_credit_and_a_record_of_unknown_partition_spends_on_all()
    {
        var backlog = new long[] { 0, 0, 0 };
        var credit = new OutputCredit(() => backlog, 3, Bounds, transactionalOutput: false);
        credit.Spend(0, 100);
        credit.Refill();
        Assert.Equal(10, credit.Remaining(1));

        credit.Spend(1, 100);
        credit.Spend(1, 100);
        Assert.Equal(10, credit.Remaining(0));
        Assert.Equal(8, credit.Remaining(1));
        credit.Spend(OutputCredit.AnyPartition, 100);
        Assert.Equal([9, 7, 9], [credit.Remaining(0), credit.Remaining(1), credit.Remaining(2)]);
        Assert.Equal(7, credit.MinRemaining);
    }

    [Fact]
    public void A_measurement_replaces_what_was_spent_and_a_trailing_commit_marker_is_not_a_record()
    {
        var backlog = new long[] { 4, 1 };
        var transactional = new OutputCredit(() => backlog, 2, Bounds, transactionalOutput: true);
        var plain = new OutputCredit(() => backlog, 2, Bounds, transactionalOutput: false);
        foreach (var credit in new[] { transactional, plain })
        {
            credit.Spend(0, 200);
            credit.Spend(0, 200);
            credit.Refill();
        }

        Assert.Equal([5 - 3, 5 - 0], [transactional.Remaining(0), transactional.Remaining(1)]);
        Assert.Equal([5 - 4, 5 - 1], [plain.Remaining(0), plain.Remaining(1)]);
    }
}

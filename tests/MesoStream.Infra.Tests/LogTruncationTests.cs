using MesoStream.Infra.FlowControl;

namespace MesoStream.Infra.Tests;

public sealed class LogTruncationTests
{
    [Theory]
    [InlineData("[thrd:127.0.0.1:40613/bootstrap]: 127.0.0.1:40613/1: voxel-ready [3]: offset reset (at offset 120 (leader epoch 0), broker 1) to offset BEGINNING (leader epoch -1): fetch failed due to requested offset not available on the broker: Broker: Offset out of range", "voxel-ready", 3, 120)]
    [InlineData("mid [0]: offset reset (at offset 7, broker 1) to BEGINNING: fetch failed: Broker: Offset out of range", "mid", 0, 7)]
    public void An_offset_reset_line_names_the_partition_and_the_first_lost_offset(string line, string topic, int partition, long offset)
    {
        var lost = LogTruncation.Parse("OFFSET", line);
        Assert.NotNull(lost);
        Assert.Equal(topic, lost.Topic);
        Assert.Equal(partition, lost.Partition.Value);
        Assert.Equal(offset, lost.Offset.Value);
    }

    [Theory]
    [InlineData("OFFSET", "voxel-ready [3]: offset reset (at offset INVALID, broker 1) to offset END: no previously committed offset available: Local: No offset stored")]
    [InlineData("FETCH", "voxel-ready [3]: offset reset (at offset 120, broker 1) to BEGINNING: Broker: Offset out of range")]
    public void Other_lines_are_not_truncations(string facility, string line) => Assert.Null(LogTruncation.Parse(facility, line));
}

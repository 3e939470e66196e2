using MesoStream.Contracts.Arrow;
using MesoStream.Contracts.Messaging;
using MesoStream.Testing.Payloads;

namespace MesoStream.Contracts.Tests;

/// <summary>
/// Well-formed Arrow that breaks the voxel-batch contract, column by column (<see cref="VoxelBatchForgeries"/>): each
/// is refused with an <see cref="InvalidMessageException"/> naming the column. Before this work several threw
/// ArgumentOutOfRangeException or ArgumentNullException from inside Apache.Arrow or VoxelGrid, with no field, or
/// decoded (an empty id, a 1×1×64 grid, a second batch, flipped label bytes).
/// </summary>
public class VoxelBatchForgeryTests
{
    private static readonly VoxelBatch Good = VoxelBatchCodecTests.Sample(16, 16, 16, 1, 3);

    public static TheoryData<string, byte[], string, string> Forgeries()
    {
        var data = new TheoryData<string, byte[], string, string>();
        foreach (var f in VoxelBatchForgeries.Of(Good))
        {
            data.Add(f.Class, f.Payload, f.Field, f.Reason);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Forgeries))]
    public void A_forged_voxel_batch_is_refused_naming_the_column(string description, byte[] payload, string field, string reason)
    {
        var error = Assert.Throws<InvalidMessageException>(() => VoxelBatchCodec.Decode(payload));
        Assert.True(error.Errors[0].Field == field, $"{description}: expected field {field}, got {error.Message}");
        Assert.Contains(reason, error.Message);
    }

    [Theory]
    [InlineData(ArrowCompression.None)]
    [InlineData(ArrowCompression.Lz4)]
    [InlineData(ArrowCompression.Zstd)]
    public void The_smallest_grid_the_spec_allows_round_trips_with_every_compression(ArrowCompression compression)
    {
        var smallest = VoxelBatchCodecTests.Sample(8, 8, 8, 1, 3);
        var decoded = VoxelBatchCodec.Decode(VoxelBatchCodec.Encode(smallest, compression));
        Assert.Equal(smallest.Grid.Labels, decoded.Grid.Labels);
        Assert.Equal(smallest.Spec, decoded.Spec);
    }
}

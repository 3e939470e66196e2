using MesoStream.Contracts.Arrow;
using MesoStream.Contracts.Messaging;

namespace MesoStream.Contracts.Tests;

/// <summary>
/// The voxel batch's labels checksum, written by every encode and verified by every decode; the single forgeries
/// (no checksum, a wrong one, 64 flipped bytes per compression) are in <see cref="VoxelBatchForgeryTests"/>.
/// </summary>
public class LabelChecksumTests
{
    [Fact]
    public void Every_64_byte_flip_in_the_second_half_of_a_zstd_batch_is_refused_or_leaves_the_labels_intact()
    {
        var payload = VoxelBatchCodec.Encode(VoxelBatchCodecTests.Sample(16, 16, 16, 3, 4), ArrowCompression.Zstd);
        var original = VoxelBatchCodec.Decode(payload);
        for (var at = payload.Length / 2; at + 64 <= payload.Length; at += 7)
        {
            var corrupt = (byte[])payload.Clone();
            for (var i = at; i < at + 64; i++)
            {
                corrupt[i] ^= 0x01;
            }

            try
            {
                Assert.Equal(original.Grid.Labels, VoxelBatchCodec.Decode(corrupt).Grid.Labels);
            }
            catch (InvalidMessageException e)
            {
                Assert.False(string.IsNullOrWhiteSpace(e.Errors[0].Field));
            }
        }
    }
}

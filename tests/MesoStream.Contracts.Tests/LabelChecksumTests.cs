using MesoStream.Contracts.Arrow;
using MesoStream.Contracts.Messaging;
using MesoStream.Testing.Payloads;

namespace MesoStream.Contracts.Tests;

/// <summary>The voxel batch's labels checksum: written by every encode, verified by every decode.</summary>
public class LabelChecksumTests
{
    private static readonly byte[] Zstd = VoxelBatchCodec.Encode(VoxelBatchCodecTests.Sample(16, 16, 16, 3, 4), ArrowCompression.Zstd);

    [Theory]
    [InlineData(ArrowCompression.None)]
    [InlineData(ArrowCompression.Zstd)]
    public void Bytes_flipped_inside_a_body_that_still_decompresses_are_a_checksum_mismatch_on_labels(ArrowCompression compression)
    {
        var payload = VoxelBatchCodec.Encode(VoxelBatchCodecTests.Sample(16, 16, 16, 3, 4), compression);
        var corrupt = LabelCorruption.FlipInsideLabels(payload, 64);

        // Apache.Arrow's own reader reads the corrupt payload to other labels of the same length: nothing but the
        // checksum can tell.
        Assert.NotNull(corrupt);
        var error = Assert.Throws<InvalidMessageException>(() => VoxelBatchCodec.Decode(corrupt));
        Assert.Equal("labels", Assert.Single(error.Errors).Field);
        Assert.Contains("checksum mismatch", error.Message);
    }

    [Fact]
    public void Every_64_byte_flip_in_the_second_half_of_a_zstd_batch_is_refused_or_leaves_the_labels_intact()
    {
        var original = VoxelBatchCodec.Decode(Zstd);
        for (var at = Zstd.Length / 2; at + 64 <= Zstd.Length; at += 7)
        {
            var corrupt = (byte[])Zstd.Clone();
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

    [Fact]
    public void A_batch_without_the_checksum_is_refused_naming_the_metadata_key()
    {
        var payload = ArrowForge.From(Zstd).WithFieldMetadata("labels", "xxh3_64", null).Write();
        var error = Assert.Throws<InvalidMessageException>(() => VoxelBatchCodec.Decode(payload));
        Assert.Equal("labels", error.Errors[0].Field);
        Assert.Contains("\"xxh3_64\"", error.Message);
        Assert.Contains("is missing", error.Message);
    }

    [Fact]
    public void A_checksum_that_is_not_the_labels_hash_is_refused()
    {
        var payload = ArrowForge.From(Zstd).WithFieldMetadata("labels", "xxh3_64", "0123456789abcdef").Write();
        var error = Assert.Throws<InvalidMessageException>(() => VoxelBatchCodec.Decode(payload));
        Assert.Equal("labels", error.Errors[0].Field);
        Assert.Contains("checksum mismatch", error.Message);
        Assert.Contains("says \"0123456789abcdef\"", error.Message);
    }

    [Fact]
    public void A_version_1_batch_is_refused_by_its_schema_id()
    {
        var payload = ArrowForge.From(Zstd).WithSchemaMetadata(ArrowIpc.SchemaMetadataKey, "mesostream.voxel-batch/1").Write();
        var error = Assert.Throws<InvalidMessageException>(() => VoxelBatchCodec.Decode(payload));
        Assert.Equal(ArrowIpc.SchemaMetadataKey, error.Errors[0].Field);
        Assert.Contains("this build reads \"mesostream.voxel-batch/2\"", error.Message);
    }
}

using CsCheck;
using MesoStream.Contracts.Arrow;
using MesoStream.Contracts.Messaging;
using MesoStream.Contracts.Specs;
using MesoStream.Contracts.Structures;
using MesoStream.Testing.Payloads;

namespace MesoStream.Contracts.Tests;

public class VoxelBatchCodecTests
{
    /// <summary>A batch of random labels whose spec describes its grid (the codec checks that they agree).</summary>
    internal static VoxelBatch Sample(int nx, int ny, int nz, int seed, int particles) => RandomVoxelBatch.Of("s-1", nx, ny, nz, seed, particles);

    [Theory]
    [InlineData(ArrowCompression.None)]
    [InlineData(ArrowCompression.Lz4)]
    [InlineData(ArrowCompression.Zstd)]
    public void A_voxel_batch_round_trips_with_every_compression(ArrowCompression compression)
    {
        var batch = Sample(8, 9, 10, 1, 5);
        var decoded = VoxelBatchCodec.Decode(VoxelBatchCodec.Encode(batch, compression));
        AssertEqual(batch, decoded);
    }

    [Fact]
    public void Random_voxel_batches_round_trip()
    {
        Gen.Select(Gen.Int[SpecLimits.MinGridEdge, 24], Gen.Int[SpecLimits.MinGridEdge, 24], Gen.Int[SpecLimits.MinGridEdge, 24], Gen.Int, Gen.Int[0, 40], Gen.Bool)
            .Sample((nx, ny, nz, seed, particles, withSpec) =>
            {
                var batch = Sample(nx, ny, nz, seed, particles);
                if (!withSpec)
                {
                    batch = batch with { Spec = null, AttributesJson = null };
                }

                AssertEqual(batch, VoxelBatchCodec.Decode(VoxelBatchCodec.Encode(batch)));
            }, iter: 60);
    }

    [Theory]
    [InlineData(ArrowCompression.None)]
    [InlineData(ArrowCompression.Lz4)]
    [InlineData(ArrowCompression.Zstd)]
    public void A_corrupted_payload_gives_a_clear_error_not_a_crash(ArrowCompression compression)
    {
        var payload = VoxelBatchCodec.Encode(Sample(16, 16, 16, 3, 4), compression);
        CorruptCopies.AreDecodedOrRefusedByName(VoxelBatchCodec.Decode, payload, seed: 5);
    }

    [Fact]
    public void A_compressed_buffer_that_declares_gigabytes_is_refused_before_anything_is_allocated()
    {
        // A zstd buffer starts with its uncompressed length (int64, little-endian): the 4096 labels of a 16³ grid.
        var payload = VoxelBatchCodec.Encode(Sample(16, 16, 16, 3, 4), ArrowCompression.Zstd);
        var declared = BitConverter.GetBytes(4096L);
        var at = payload.AsSpan().LastIndexOf(declared); // the body follows the metadata, whose field node also says 4096
        Assert.True(at >= 0, "the labels buffer's length prefix was not found");
        BitConverter.GetBytes((long)int.MaxValue).CopyTo(payload, at);

        var refused = Assert.Throws<InvalidMessageException>(() => VoxelBatchCodec.Decode(payload));
        Assert.Equal("payload", refused.Errors[0].Field);
        Assert.True(refused.Message.Contains($"declares an Arrow buffer of {int.MaxValue} bytes", StringComparison.Ordinal), refused.Message);
    }

    [Fact]
    public void Garbage_and_empty_payloads_name_the_payload()
    {
        Assert.Equal("payload", Assert.Throws<InvalidMessageException>(() => VoxelBatchCodec.Decode(Array.Empty<byte>())).Errors[0].Field);
        Assert.Equal("payload", Assert.Throws<InvalidMessageException>(() => VoxelBatchCodec.Decode("{\"not\":\"arrow\"}"u8.ToArray())).Errors[0].Field);
    }

    [Fact]
    public void A_feature_batch_is_refused_as_a_voxel_batch_with_the_schema_named()
    {
        var features = FeatureBatchCodec.Encode(new FeatureBatch(["a"], [new("x", [1.0])]));
        var error = Assert.Throws<InvalidMessageException>(() => VoxelBatchCodec.Decode(features));
        Assert.Equal(ArrowIpc.SchemaMetadataKey, error.Errors[0].Field);
        Assert.Contains("unknown schema \"mesostream.feature-batch/1\"", error.Message);
    }

    [Fact]
    public void Out_of_range_labels_are_refused()
    {
        var batch = Sample(8, 8, 8, 1, 0);
        batch.Grid.Labels[17] = 7;
        var error = Assert.Throws<InvalidMessageException>(() => VoxelBatchCodec.Decode(VoxelBatchCodec.Encode(batch)));
        Assert.Equal("labels", error.Errors[0].Field);
        Assert.Contains("voxel 17 has label 7", error.Message);
    }

    private static void AssertEqual(VoxelBatch expected, VoxelBatch actual)
    {
        Assert.Equal(expected.StructureId, actual.StructureId);
        Assert.Equal((expected.Grid.Nx, expected.Grid.Ny, expected.Grid.Nz, expected.Grid.VoxelUm),
            (actual.Grid.Nx, actual.Grid.Ny, actual.Grid.Nz, actual.Grid.VoxelUm));
        Assert.Equal(expected.Grid.Labels, actual.Grid.Labels);
        Assert.Equal(expected.Particles, actual.Particles);
        Assert.Equal(expected.Spec, actual.Spec);
        Assert.Equal(expected.AttributesJson, actual.AttributesJson);
    }
}

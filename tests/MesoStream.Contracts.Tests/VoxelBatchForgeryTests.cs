using Apache.Arrow;
using MesoStream.Contracts.Arrow;
using MesoStream.Contracts.Messaging;
using MesoStream.Contracts.Specs;
using MesoStream.Contracts.Structures;
using MesoStream.Testing.Payloads;

namespace MesoStream.Contracts.Tests;

/// <summary>
/// Well-formed Arrow that breaks the voxel-batch contract, column by column: each is refused with an
/// <see cref="InvalidMessageException"/> naming the column (before this work several threw IndexOutOfRangeException,
/// ArgumentOutOfRangeException or ArgumentException from inside Apache.Arrow or VoxelGrid, with no field).
/// </summary>
public class VoxelBatchForgeryTests
{
    private static readonly VoxelBatch Good = VoxelBatchCodecTests.Sample(8, 8, 8, 1, 3);
    private static readonly byte[] GoodPayload = VoxelBatchCodec.Encode(Good);

    private static ArrowForge Forge() => ArrowForge.From(GoodPayload);

    private static byte[] Encoded(VoxelBatch batch) => VoxelBatchCodec.Encode(batch);

    private static VoxelBatch WithLabel(int index, byte label)
    {
        var labels = (byte[])Good.Grid.Labels.Clone();
        labels[index] = label;
        return Good with { Grid = new VoxelGrid(8, 8, 8, Good.Grid.VoxelUm, labels) };
    }

    public static TheoryData<string, Func<byte[]>, string, string> Forgeries => new()
    {
        { "a 1×1×64 grid", () => Encoded(Good with { Grid = new VoxelGrid(1, 1, 64, 1.5, new byte[64]), Spec = null }), "nx", "1 is out of range: allowed [8, 512]" },
        { "a zero edge", () => Forge().With("nx", ArrowForge.Int32(0)).Write(), "nx", "0 is out of range: allowed [8, 512]" },
        { "a negative edge", () => Forge().With("ny", ArrowForge.Int32(-8)).Write(), "ny", "-8 is out of range" },
        { "an edge over the limit", () => Forge().With("nz", ArrowForge.Int32(513)).Write(), "nz", "513 is out of range: allowed [8, 512]" },
        { "a 512³ grid declared over 8³ labels", () => Forge().With("nx", ArrowForge.Int32(512)).With("ny", ArrowForge.Int32(512)).With("nz", ArrowForge.Int32(512)).Write(), "labels", "holds 512 voxels but nx·ny·nz = 134217728" },
        { "dims that disagree with the labels", () => Forge().With("nx", ArrowForge.Int32(9)).Write(), "labels", "holds 512 voxels but nx·ny·nz = 576" },
        { "a missing column", () => Forge().Without("nz").Write(), "nz", "column is missing" },
        { "an int64 edge", () => Forge().With("nx", ArrowForge.Int64(8)).Write(), "nx", "must be a non-null int32 column" },
        { "an edge whose buffer is empty", () => Forge().With("nx", ArrowForge.Int32WithoutBuffer()).Write(), "nx", "is malformed" },
        { "int8 labels", () => Forge().With("labels", ArrowForge.SignedLabels(512)).Write(), "labels", "must be a fixed_size_list<uint8> column" },
        { "a missing labels column", () => Forge().Without("labels").Write(), "labels", "column is missing" },
        { "label 3", () => Encoded(WithLabel(100, 3)), "labels", "voxel 100 has label 3" },
        { "label 255", () => Encoded(WithLabel(7, 255)), "labels", "voxel 7 has label 255" },
        { "an empty id", () => Forge().With("id", ArrowForge.String("")).Write(), "id", "is empty" },
        { "a null id", () => Forge().With("id", ArrowForge.String(null)).Write(), "id", "row 0 is null" },
        { "an overlong id", () => Forge().With("id", ArrowForge.String(new string('a', SpecLimits.MaxIdLength + 1))).Write(), "id", "is 129 characters long" },
        { "an id with a path in it", () => Forge().With("id", ArrowForge.String("../etc/passwd")).Write(), "id", "outside the id alphabet" },
        { "an id with a trailing newline", () => Forge().With("id", ArrowForge.String("s-1\n")).Write(), "id", "outside the id alphabet" },
        { "an id whose offsets point past its buffer", () => Forge().With("id", ArrowForge.StringPastItsBuffer()).Write(), "id", "is malformed" },
        { "a NaN voxel size", () => Forge().With("voxel_um", ArrowForge.Double(double.NaN)).Write(), "voxel_um", "NaN is out of range" },
        { "an infinite voxel size", () => Forge().With("voxel_um", ArrowForge.Double(double.PositiveInfinity)).Write(), "voxel_um", "out of range" },
        { "a zero voxel size", () => Forge().With("voxel_um", ArrowForge.Double(0)).Write(), "voxel_um", "0 is out of range: allowed [0.01, 100]" },
        { "a spec of another id", () => Forge().With("id", ArrowForge.String("s-2")).Write(), "spec_json.id", "differs from the batch's id \"s-2\"" },
        { "a spec of another grid", () => Encoded(Good with { Spec = Good.Spec! with { Grid = new GridSpec(8, 8, 9, 1.5) } }), "spec_json.grid", "8×8×9 at 1.5 µm differs from the batch's grid 8×8×8" },
        { "an invalid spec", () => Forge().With("spec_json", ArrowForge.String(Good.Spec!.ToJson().Replace("\"nx\":8", "\"nx\":2"))).Write(), "spec_json.grid.nx", "2 is out of range" },
        { "particle offsets past the particles", () => Forge().With("particles", ArrowForge.ListWithOffsets((ListArray)Forge().Column("particles"), 0, 50)).Write(), "particles", "spans particles [0, 50) of the 3" },
        { "negative particle offsets", () => Forge().With("particles", ArrowForge.ListWithOffsets((ListArray)Forge().Column("particles"), -4, 2)).Write(), "particles", "spans particles [-4, 2)" },
        { "a NaN particle centre", () => Encoded(Good with { Particles = [new Particle(double.NaN, 0, 0, 1, 1, 1, 1, 0, 0, 0, 1, 0)] }), "particles[0].cx", "must be finite" },
        { "two rows declared, one held", () => Forge().WithRowCount(2).Write(), "payload", "exactly 1 row, got 2" },
        { "two record batches", () => Forge().Write(copies: 2), "payload", "more than one record batch" },
        { "a feature batch", () => FeatureBatchCodec.Encode(new FeatureBatch(["s-1"], [new("x", [1.0])])), ArrowIpc.SchemaMetadataKey, "unknown schema \"mesostream.feature-batch/1\"" },
        { "no schema id", () => Forge().WithSchemaMetadata(ArrowIpc.SchemaMetadataKey, null).Write(), ArrowIpc.SchemaMetadataKey, "schema metadata is missing" },
    };

    [Theory]
    [MemberData(nameof(Forgeries))]
    public void A_forged_voxel_batch_is_refused_naming_the_column(string description, Func<byte[]> forge, string field, string reason)
    {
        var payload = forge();
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
        var decoded = VoxelBatchCodec.Decode(VoxelBatchCodec.Encode(Good, compression));
        Assert.Equal(Good.Grid.Labels, decoded.Grid.Labels);
        Assert.Equal(Good.Spec, decoded.Spec);
    }
}

using Apache.Arrow;
using MesoStream.Contracts.Arrow;
using MesoStream.Contracts.Specs;
using MesoStream.Contracts.Structures;

namespace MesoStream.Testing.Payloads;

/// <summary>A payload a decoder must refuse, with the field its error must name and a substring of its message.</summary>
public sealed record Forgery(string Class, byte[] Payload, string Field, string Reason);

/// <summary>
/// Every class of voxel batch we know must be refused, built from one valid batch: the codec tests decode each, the
/// solver and descriptor corpus tests send each through the service. One catalogue, so the two cannot drift apart.
/// </summary>
public static class VoxelBatchForgeries
{
    /// <summary>
    /// Forgeries of <paramref name="good"/>, which must carry a spec and at least one particle and whose labels must be
    /// varied enough (random labels are) that flipped bytes in a compressed body can still decompress.
    /// </summary>
    public static IReadOnlyList<Forgery> Of(VoxelBatch good)
    {
        var g = good.Grid;
        var spec = good.Spec ?? throw new ArgumentException("the batch needs a spec", nameof(good));
        var payload = VoxelBatchCodec.Encode(good);
        ArrowForge Forge() => ArrowForge.From(payload);
        byte[] Encoded(VoxelBatch batch) => VoxelBatchCodec.Encode(batch);
        VoxelBatch WithLabel(int index, byte label)
        {
            var labels = (byte[])g.Labels.Clone();
            labels[index] = label;
            return good with { Grid = new VoxelGrid(g.Nx, g.Ny, g.Nz, g.VoxelUm, labels) };
        }

        var particles = (ListArray)Forge().Column("particles");
        return
        [
            new("a 1×1×64 grid", Encoded(good with { Grid = new VoxelGrid(1, 1, 64, g.VoxelUm, new byte[64]), Spec = null }), "nx", "1 is out of range: allowed [8, 512]"),
            new("a zero edge", Forge().With("nx", ArrowForge.Int32(0)).Write(), "nx", "0 is out of range: allowed [8, 512]"),
            new("a negative edge", Forge().With("ny", ArrowForge.Int32(-8)).Write(), "ny", "-8 is out of range"),
            new("an edge over the limit", Forge().With("nz", ArrowForge.Int32(513)).Write(), "nz", "513 is out of range: allowed [8, 512]"),
            new("a 512³ grid declared over the labels", Forge().With("nx", ArrowForge.Int32(512)).With("ny", ArrowForge.Int32(512)).With("nz", ArrowForge.Int32(512)).Write(),
                "labels", $"holds {g.VoxelCount} voxels but nx·ny·nz = 134217728"),
            new("dims that disagree with the labels", Forge().With("nx", ArrowForge.Int32(g.Nx + 1)).Write(), "labels", $"holds {g.VoxelCount} voxels but nx·ny·nz = {(g.Nx + 1L) * g.Ny * g.Nz}"),
            new("a missing column", Forge().Without("nz").Write(), "nz", "column is missing"),
            new("an int64 edge", Forge().With("nx", ArrowForge.Int64(g.Nx)).Write(), "nx", "must be a non-null int32 column"),
            new("an edge whose buffer is empty", Forge().With("nx", ArrowForge.Int32WithoutBuffer()).Write(), "nx", "is malformed"),
            new("int8 labels", Forge().With("labels", ArrowForge.SignedLabels((int)g.VoxelCount)).Write(), "labels", "must be a fixed_size_list<uint8> column"),
            new("a missing labels column", Forge().Without("labels").Write(), "labels", "column is missing"),
            new("label 3", Encoded(WithLabel(100, 3)), "labels", "voxel 100 has label 3"),
            new("label 255", Encoded(WithLabel(7, 255)), "labels", "voxel 7 has label 255"),
            new("an empty id", Forge().With("id", ArrowForge.String("")).Write(), "id", "is empty"),
            new("a null id", Forge().With("id", ArrowForge.String(null)).Write(), "id", "row 0 is null"),
            new("an overlong id", Forge().With("id", ArrowForge.String(new string('a', SpecLimits.MaxIdLength + 1))).Write(), "id", "is 129 characters long"),
            new("an id with a path in it", Forge().With("id", ArrowForge.String("../etc/passwd")).Write(), "id", "outside the id alphabet"),
            new("an id with a trailing newline", Forge().With("id", ArrowForge.String(good.StructureId + "\n")).Write(), "id", "outside the id alphabet"),
            new("an id whose offsets point past its buffer", Forge().With("id", ArrowForge.StringPastItsBuffer()).Write(), "id", "is malformed"),
            new("an id whose offsets point a gigabyte past its values", Forge().With("id", ArrowForge.StringWithOffsets(0, 1 << 30)).Write(), "id", "row 0's offsets 0…1073741824 lie outside its"),
            new("an id whose offsets run backwards", Forge().With("id", ArrowForge.StringWithOffsets(3, 1)).Write(), "id", "offsets 3…1 lie outside"),
            new("a NaN voxel size", Forge().With("voxel_um", ArrowForge.Double(double.NaN)).Write(), "voxel_um", "NaN is out of range"),
            new("an infinite voxel size", Forge().With("voxel_um", ArrowForge.Double(double.PositiveInfinity)).Write(), "voxel_um", "out of range"),
            new("a zero voxel size", Forge().With("voxel_um", ArrowForge.Double(0)).Write(), "voxel_um", "0 is out of range: allowed [0.01, 100]"),
            new("a spec of another id", Encoded(good with { Spec = spec with { Id = "another-id" } }), "spec_json.id", $"\"another-id\" differs from the batch's id \"{good.StructureId}\""),
            new("a spec of another grid", Encoded(good with { Spec = spec with { Grid = spec.Grid with { Nz = g.Nz + 1 } } }), "spec_json.grid", "differs from the batch's grid"),
            new("an invalid spec", Forge().With("spec_json", ArrowForge.String(spec.ToJson().Replace($"\"nx\":{g.Nx}", "\"nx\":2"))).Write(), "spec_json.grid.nx", "2 is out of range"),
            new("particle offsets past the particles", Forge().With("particles", ArrowForge.ListWithOffsets(particles, 0, good.Particles.Count + 50)).Write(),
                "particles", $"spans particles [0, {good.Particles.Count + 50}) of the {good.Particles.Count}"),
            new("negative particle offsets", Forge().With("particles", ArrowForge.ListWithOffsets(particles, -4, 1)).Write(), "particles", "spans particles [-4, 1)"),
            new("a NaN particle centre", Encoded(good with { Particles = [good.Particles[0] with { Cx = double.NaN }] }), "particles[0].cx", "must be finite"),
            new("two rows declared, one held", Forge().WithRowCount(2).Write(), "payload", "exactly 1 row, got 2"),
            new("two record batches", Forge().Write(copies: 2), "payload", "more than one record batch"),
            new("a feature batch", FeatureBatchCodec.Encode(new FeatureBatch([good.StructureId], [new("x", [1.0])])), ArrowIpc.SchemaMetadataKey, "unknown schema \"mesostream.feature-batch/1\""),
            new("no schema id", Forge().WithSchemaMetadata(ArrowIpc.SchemaMetadataKey, null).Write(), ArrowIpc.SchemaMetadataKey, "schema metadata is missing"),
            new("a version-1 batch", Forge().WithSchemaMetadata(ArrowIpc.SchemaMetadataKey, "mesostream.voxel-batch/1").Write(), ArrowIpc.SchemaMetadataKey, "this build reads \"mesostream.voxel-batch/2\""),
            new("no labels checksum", Forge().WithFieldMetadata("labels", "xxh3_64", null).Write(), "labels", "\"xxh3_64\" (the XXH3-64 checksum of the labels) is missing"),
            new("a checksum of other labels", Forge().WithFieldMetadata("labels", "xxh3_64", "0123456789abcdef").Write(), "labels", "checksum mismatch"),
            new("a compressed buffer declaring 2 GiB", DeclaringTwoGibibytes(payload, g.VoxelCount), "payload", $"declares an Arrow buffer of {int.MaxValue} bytes"),
            .. Enum.GetValues<ArrowCompression>().Select(c => new Forgery($"64 bytes flipped inside the {c} labels body",
                LabelCorruption.FlipInsideLabels(VoxelBatchCodec.Encode(good, c))
                    ?? throw new InvalidOperationException($"no 64 flips of the {c} labels body decompress; use varied labels"),
                "labels", "checksum mismatch")),
        ];
    }

    /// <summary>
    /// A zstd payload whose labels buffer declares 2³¹−1 uncompressed bytes: a compressed buffer starts with its
    /// uncompressed length (int64, little-endian), here the voxel count; the last occurrence is the body's, not the
    /// field node's in the metadata.
    /// </summary>
    private static byte[] DeclaringTwoGibibytes(byte[] payload, long voxels)
    {
        var patched = (byte[])payload.Clone();
        var at = patched.AsSpan().LastIndexOf(BitConverter.GetBytes(voxels));
        if (at < 0)
        {
            throw new InvalidOperationException("the labels buffer's length prefix was not found");
        }

        BitConverter.GetBytes((long)int.MaxValue).CopyTo(patched, at);
        return patched;
    }
}

using Apache.Arrow;
using Apache.Arrow.Types;
using MesoStream.Contracts.Messaging;
using MesoStream.Contracts.Specs;
using MesoStream.Contracts.Structures;

namespace MesoStream.Contracts.Arrow;

/// <summary>
/// Arrow IPC codec of <see cref="VoxelBatch"/> (schema <see cref="SchemaId"/>). One row:
/// <c>id</c> utf8, <c>nx, ny, nz</c> int32, <c>voxel_um</c> float64, <c>labels</c> fixed_size_list&lt;uint8&gt;[nx·ny·nz]
/// x fastest (the storage type of Arrow's fixed_shape_tensor, shape (nz, ny, nx) in the field metadata, with the
/// labels' checksum, <see cref="LabelChecksum"/>), <c>particles</c> list&lt;struct&lt;cx…vz: float64&gt;&gt;
/// (<see cref="ParticleColumn"/>), <c>spec_json</c> and <c>attributes_json</c> nullable utf8.
/// Decoding enforces the same limits as a spec (<see cref="SpecLimits"/>: edges, voxel size; <see cref="StructureId"/>)
/// and that the spec it carries, if any, describes this grid and id.
/// </summary>
public static class VoxelBatchCodec
{
    /// <summary>Version 2 added the labels checksum; a version-1 batch is refused by its schema id.</summary>
    public const string SchemaId = "mesostream.voxel-batch/2";

    public static byte[] Encode(VoxelBatch batch, ArrowCompression compression = ArrowCompression.Zstd)
    {
        using var record = ToRecordBatch(batch);
        return ArrowIpc.Write(record, compression);
    }

    public static VoxelBatch Decode(ReadOnlyMemory<byte> payload)
    {
        using var record = ArrowIpc.ReadSingle(payload, SchemaId);
        return FromRecordBatch(record);
    }

    private static RecordBatch ToRecordBatch(VoxelBatch batch)
    {
        var grid = batch.Grid;
        var voxels = checked((int)grid.VoxelCount);
        var labelsType = new FixedSizeListType(new Field("label", UInt8Type.Default, nullable: false), voxels);
        var schema = new Schema.Builder()
            .Field(f => f.Name("id").DataType(StringType.Default).Nullable(false))
            .Field(f => f.Name("nx").DataType(Int32Type.Default).Nullable(false))
            .Field(f => f.Name("ny").DataType(Int32Type.Default).Nullable(false))
            .Field(f => f.Name("nz").DataType(Int32Type.Default).Nullable(false))
            .Field(f => f.Name("voxel_um").DataType(DoubleType.Default).Nullable(false))
            .Field(f => f.Name("labels").DataType(labelsType).Nullable(false)
                .Metadata("shape", $"[{grid.Nz},{grid.Ny},{grid.Nx}]")
                .Metadata("labels", "0 pore, 1 active material, 2 binder")
                .Metadata(LabelChecksum.MetadataKey, LabelChecksum.Of(grid.Labels)))
            .Field(f => f.Name(ParticleColumn.Name).DataType(ParticleColumn.Type).Nullable(false))
            .Field(f => f.Name("spec_json").DataType(StringType.Default).Nullable(true))
            .Field(f => f.Name("attributes_json").DataType(StringType.Default).Nullable(true))
            .Metadata(ArrowIpc.SchemaMetadataKey, SchemaId)
            .Build();

        var labelValues = new UInt8Array(new ArrowBuffer(grid.Labels), ArrowBuffer.Empty, voxels, 0, 0);
        var labels = new FixedSizeListArray(labelsType, 1, labelValues, ArrowBuffer.Empty, 0);

        IArrowArray[] columns =
        [
            new StringArray.Builder().Append(batch.StructureId).Build(),
            new Int32Array.Builder().Append(grid.Nx).Build(),
            new Int32Array.Builder().Append(grid.Ny).Build(),
            new Int32Array.Builder().Append(grid.Nz).Build(),
            new DoubleArray.Builder().Append(grid.VoxelUm).Build(),
            labels,
            ParticleColumn.Write(batch.Particles),
            NullableString(batch.Spec?.ToJson()),
            NullableString(batch.AttributesJson),
        ];
        return new RecordBatch(schema, columns, 1);
    }

    private static StringArray NullableString(string? value)
    {
        var builder = new StringArray.Builder();
        return (value is null ? builder.AppendNull() : builder.Append(value)).Build();
    }

    private static VoxelBatch FromRecordBatch(RecordBatch record)
    {
        if (record.Length != 1)
        {
            throw new InvalidMessageException("payload", $"a voxel batch holds exactly 1 row, got {record.Length}");
        }

        var id = StructureId.Require("id", ArrowColumns.RequiredString(record, "id", 0));
        var nx = Edge(record, "nx");
        var ny = Edge(record, "ny");
        var nz = Edge(record, "nz");
        var voxelUm = ArrowColumns.Double(record, "voxel_um", 0);
        if (!double.IsFinite(voxelUm) || voxelUm < SpecLimits.MinVoxelUm || voxelUm > SpecLimits.MaxVoxelUm)
        {
            throw new InvalidMessageException("voxel_um", $"{voxelUm} is out of range: allowed [{SpecLimits.MinVoxelUm}, {SpecLimits.MaxVoxelUm}]");
        }

        var labels = ReadLabels(record, (long)nx * ny * nz);
        var particles = ParticleColumn.Read(record);
        var spec = ReadSpec(record, id, new GridSpec(nx, ny, nz, voxelUm));
        return new VoxelBatch(id, new VoxelGrid(nx, ny, nz, voxelUm, labels), particles, spec,
            ArrowColumns.OptionalString(record, "attributes_json", 0));
    }

    /// <summary>
    /// A grid edge within the spec's limits: the solver's area estimate and the descriptors assume at least
    /// <see cref="SpecLimits.MinGridEdge"/> voxels a side (a 1×1×64 grid once crashed the solver's smoothing).
    /// </summary>
    private static int Edge(RecordBatch record, string name)
    {
        var n = ArrowColumns.Int32(record, name, 0);
        return n is >= SpecLimits.MinGridEdge and <= SpecLimits.MaxGridEdge
            ? n
            : throw new InvalidMessageException(name, $"{n} is out of range: allowed [{SpecLimits.MinGridEdge}, {SpecLimits.MaxGridEdge}]");
    }

    private static byte[] ReadLabels(RecordBatch record, long expected)
    {
        if (ArrowColumns.Column(record, "labels") is not FixedSizeListArray list || list.Values is not UInt8Array values)
        {
            throw new InvalidMessageException("labels", "must be a fixed_size_list<uint8> column");
        }

        var labels = ArrowColumns.Read("labels", () => values.Values.Slice(values.Offset, values.Length).ToArray());
        if (labels.LongLength != expected)
        {
            throw new InvalidMessageException("labels", $"holds {labels.LongLength} voxels but nx·ny·nz = {expected}");
        }

        LabelChecksum.Verify(record.Schema.GetFieldByName("labels"), labels);
        var outOfRange = labels.AsSpan().IndexOfAnyExceptInRange((byte)0, VoxelLabels.MaxLabel);
        if (outOfRange >= 0)
        {
            throw new InvalidMessageException("labels",
                $"voxel {outOfRange} has label {labels[outOfRange]}; allowed 0 (pore), 1 (active material), 2 (binder)");
        }

        return labels;
    }

    /// <summary>The spec the structure came from, if any; it must name this structure and describe this grid.</summary>
    private static StructureSpec? ReadSpec(RecordBatch record, string id, GridSpec grid)
    {
        var json = ArrowColumns.OptionalString(record, "spec_json", 0);
        if (json is null)
        {
            return null;
        }

        StructureSpec spec;
        try
        {
            spec = StructureSpec.Parse(json);
        }
        catch (InvalidMessageException e)
        {
            throw e.Within("spec_json");
        }

        if (spec.Id != id)
        {
            throw new InvalidMessageException("spec_json.id", $"\"{FieldError.Quote(spec.Id)}\" differs from the batch's id \"{id}\"");
        }

        return spec.Grid == grid
            ? spec
            : throw new InvalidMessageException("spec_json.grid", $"{Describe(spec.Grid)} differs from the batch's grid {Describe(grid)}");
    }

    private static string Describe(GridSpec g) => $"{g.Nx}×{g.Ny}×{g.Nz} at {g.VoxelUm} µm";
}

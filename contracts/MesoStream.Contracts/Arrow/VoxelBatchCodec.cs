using System.Runtime.InteropServices;
using Apache.Arrow;
using Apache.Arrow.Types;
using MesoStream.Contracts.Messaging;
using MesoStream.Contracts.Specs;
using MesoStream.Contracts.Structures;

namespace MesoStream.Contracts.Arrow;

/// <summary>
/// Arrow IPC codec of <see cref="VoxelBatch"/> (schema <see cref="SchemaId"/>). One row:
/// <c>id</c> utf8, <c>nx, ny, nz</c> int32, <c>voxel_um</c> float64, <c>labels</c> fixed_size_list&lt;uint8&gt;[nx·ny·nz]
/// x fastest (the storage type of Arrow's fixed_shape_tensor, shape (nz, ny, nx) in the field metadata),
/// <c>particles</c> list&lt;struct&lt;cx…vz: float64&gt;&gt;, <c>spec_json</c> and <c>attributes_json</c> nullable utf8.
/// </summary>
public static class VoxelBatchCodec
{
    public const string SchemaId = "mesostream.voxel-batch/1";

    private static readonly string[] ParticleFields = ["cx", "cy", "cz", "a", "b", "c", "ux", "uy", "uz", "vx", "vy", "vz"];

    private static readonly StructType ParticleType = new(
        ParticleFields.Select(n => new Field(n, DoubleType.Default, nullable: false)).ToList());

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
                .Metadata("labels", "0 pore, 1 active material, 2 binder"))
            .Field(f => f.Name("particles").DataType(new ListType(new Field("particle", ParticleType, nullable: false))).Nullable(false))
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
            ParticleList(batch.Particles),
            NullableString(batch.Spec?.ToJson()),
            NullableString(batch.AttributesJson),
        ];
        return new RecordBatch(schema, columns, 1);
    }

    private static ListArray ParticleList(IReadOnlyList<Particle> particles)
    {
        var n = particles.Count;
        var children = new IArrowArray[ParticleFields.Length];
        for (var f = 0; f < ParticleFields.Length; f++)
        {
            var builder = new DoubleArray.Builder().Reserve(n);
            foreach (var p in particles)
            {
                builder.Append(Component(p, f));
            }

            children[f] = builder.Build();
        }

        var structs = new StructArray(ParticleType, n, children, ArrowBuffer.Empty, 0);
        var offsets = new ArrowBuffer.Builder<int>().Append(0).Append(n).Build();
        return new ListArray(new ListType(new Field("particle", ParticleType, nullable: false)), 1, offsets, structs, ArrowBuffer.Empty, 0);
    }

    private static double Component(in Particle p, int field) => field switch
    {
        0 => p.Cx, 1 => p.Cy, 2 => p.Cz,
        3 => p.A, 4 => p.B, 5 => p.C,
        6 => p.Ux, 7 => p.Uy, 8 => p.Uz,
        9 => p.Vx, 10 => p.Vy, _ => p.Vz,
    };

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

        var id = ArrowColumns.RequiredString(record, "id", 0);
        var nx = ArrowColumns.Int32(record, "nx", 0);
        var ny = ArrowColumns.Int32(record, "ny", 0);
        var nz = ArrowColumns.Int32(record, "nz", 0);
        var voxelUm = ArrowColumns.Double(record, "voxel_um", 0);
        CheckDimension("nx", nx);
        CheckDimension("ny", ny);
        CheckDimension("nz", nz);
        if (!double.IsFinite(voxelUm) || voxelUm < SpecLimits.MinVoxelUm || voxelUm > SpecLimits.MaxVoxelUm)
        {
            throw new InvalidMessageException("voxel_um", $"{voxelUm} is out of range: allowed [{SpecLimits.MinVoxelUm}, {SpecLimits.MaxVoxelUm}]");
        }

        var labels = ReadLabels(record, (long)nx * ny * nz);
        var particles = ReadParticles(record);
        var specJson = ArrowColumns.OptionalString(record, "spec_json", 0);
        StructureSpec? spec = null;
        if (specJson is not null)
        {
            try
            {
                spec = StructureSpec.Parse(specJson);
            }
            catch (InvalidMessageException e)
            {
                throw e.Within("spec_json");
            }
        }

        return new VoxelBatch(id, new VoxelGrid(nx, ny, nz, voxelUm, labels), particles, spec,
            ArrowColumns.OptionalString(record, "attributes_json", 0));
    }

    private static void CheckDimension(string name, int n)
    {
        if (n < 1 || n > SpecLimits.MaxGridEdge)
        {
            throw new InvalidMessageException(name, $"{n} is out of range: allowed [1, {SpecLimits.MaxGridEdge}]");
        }
    }

    private static byte[] ReadLabels(RecordBatch record, long expected)
    {
        if (ArrowColumns.Column(record, "labels") is not FixedSizeListArray list || list.Values is not UInt8Array values)
        {
            throw new InvalidMessageException("labels", "must be a fixed_size_list<uint8> column");
        }

        var span = values.Values.Slice(values.Offset, values.Length);
        if (span.Length != expected)
        {
            throw new InvalidMessageException("labels", $"holds {span.Length} voxels but nx·ny·nz = {expected}");
        }

        var outOfRange = span.IndexOfAnyExceptInRange((byte)0, VoxelLabels.MaxLabel);
        if (outOfRange >= 0)
        {
            throw new InvalidMessageException("labels",
                $"voxel {outOfRange} has label {span[outOfRange]}; allowed 0 (pore), 1 (active material), 2 (binder)");
        }

        return span.ToArray();
    }

    private static List<Particle> ReadParticles(RecordBatch record)
    {
        if (ArrowColumns.Column(record, "particles") is not ListArray list || list.Values is not StructArray structs)
        {
            throw new InvalidMessageException("particles", "must be a list<struct<cx, cy, cz, a, b, c, ux, uy, uz, vx, vy, vz>> column");
        }

        var fields = new ReadOnlyMemory<double>[ParticleFields.Length];
        var structType = (StructType)structs.Data.DataType;
        for (var f = 0; f < ParticleFields.Length; f++)
        {
            var index = structType.GetFieldIndex(ParticleFields[f]);
            if (index < 0 || structs.Fields[index] is not DoubleArray column)
            {
                throw new InvalidMessageException($"particles.{ParticleFields[f]}", "is missing or not float64");
            }

            fields[f] = column.Values.Slice(0, column.Length).ToArray();
        }

        var start = list.ValueOffsets[0];
        var end = list.ValueOffsets[1];
        var particles = new List<Particle>(end - start);
        for (var i = start; i < end; i++)
        {
            var v = new double[ParticleFields.Length];
            for (var f = 0; f < v.Length; f++)
            {
                v[f] = fields[f].Span[i];
                if (!double.IsFinite(v[f]))
                {
                    throw new InvalidMessageException($"particles[{i - start}].{ParticleFields[f]}", $"must be finite, got {v[f]}");
                }
            }

            particles.Add(new Particle(v[0], v[1], v[2], v[3], v[4], v[5], v[6], v[7], v[8], v[9], v[10], v[11]));
        }

        return particles;
    }
}

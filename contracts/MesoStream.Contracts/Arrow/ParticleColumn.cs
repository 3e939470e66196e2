using Apache.Arrow;
using Apache.Arrow.Types;
using MesoStream.Contracts.Messaging;
using MesoStream.Contracts.Structures;

namespace MesoStream.Contracts.Arrow;

/// <summary>
/// The <c>particles</c> column of a voxel batch: <c>list&lt;struct&lt;cx, cy, cz, a, b, c, ux, uy, uz, vx, vy, vz&gt;&gt;</c>,
/// every component a non-null finite float64 (µm for centres and semi-axes, unit vectors for the axes).
/// </summary>
internal static class ParticleColumn
{
    public const string Name = "particles";

    private static readonly string[] Components = ["cx", "cy", "cz", "a", "b", "c", "ux", "uy", "uz", "vx", "vy", "vz"];

    private static readonly StructType ParticleType = new(
        Components.Select(n => new Field(n, DoubleType.Default, nullable: false)).ToList());

    public static readonly ListType Type = new(new Field("particle", ParticleType, nullable: false));

    public static ListArray Write(IReadOnlyList<Particle> particles)
    {
        var n = particles.Count;
        var children = new IArrowArray[Components.Length];
        for (var f = 0; f < Components.Length; f++)
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
        return new ListArray(Type, 1, offsets, structs, ArrowBuffer.Empty, 0);
    }

    /// <summary>Row 0's particles; offsets outside the struct array, short or null components are refused by name.</summary>
    public static List<Particle> Read(RecordBatch record)
    {
        if (ArrowColumns.Column(record, Name) is not ListArray list || list.Values is not StructArray structs)
        {
            throw new InvalidMessageException(Name, "must be a list<struct<cx, cy, cz, a, b, c, ux, uy, uz, vx, vy, vz>> column");
        }

        var (start, end) = ArrowColumns.Read(Name, () => (list.ValueOffsets[0], list.ValueOffsets[1]));
        if (start < 0 || end < start || end > structs.Length)
        {
            throw new InvalidMessageException(Name, $"row 0 spans particles [{start}, {end}) of the {structs.Length} the column holds");
        }

        var fields = new double[Components.Length][];
        var structType = (StructType)structs.Data.DataType;
        for (var f = 0; f < Components.Length; f++)
        {
            var name = $"{Name}.{Components[f]}";
            var index = structType.GetFieldIndex(Components[f]);
            if (index < 0 || structs.Fields[index] is not DoubleArray column)
            {
                throw new InvalidMessageException(name, "is missing or not float64");
            }

            if (column.NullCount > 0)
            {
                throw new InvalidMessageException(name, $"holds {column.NullCount} nulls; every component is required");
            }

            fields[f] = ArrowColumns.Read(name, () => column.Values.Slice(start, end - start).ToArray());
        }

        var particles = new List<Particle>(end - start);
        var v = new double[Components.Length];
        for (var i = 0; i < end - start; i++)
        {
            for (var f = 0; f < v.Length; f++)
            {
                v[f] = fields[f][i];
                if (!double.IsFinite(v[f]))
                {
                    throw new InvalidMessageException($"{Name}[{i}].{Components[f]}", $"must be finite, got {v[f]}");
                }
            }

            particles.Add(new Particle(v[0], v[1], v[2], v[3], v[4], v[5], v[6], v[7], v[8], v[9], v[10], v[11]));
        }

        return particles;
    }

    private static double Component(in Particle p, int field) => field switch
    {
        0 => p.Cx, 1 => p.Cy, 2 => p.Cz,
        3 => p.A, 4 => p.B, 5 => p.C,
        6 => p.Ux, 7 => p.Uy, 8 => p.Uz,
        9 => p.Vx, 10 => p.Vy, _ => p.Vz,
    };
}

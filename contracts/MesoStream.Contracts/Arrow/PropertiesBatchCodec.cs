using Apache.Arrow;
using Apache.Arrow.Types;
using MesoStream.Contracts.Messaging;
using MesoStream.Contracts.Specs;
using MesoStream.Contracts.Vocabulary;

namespace MesoStream.Contracts.Arrow;

/// <summary>
/// Arrow IPC codec of <see cref="PropertiesBatch"/> (schema <see cref="SchemaId"/>). One row: <c>id</c>; the
/// properties as float64 columns named as in <see cref="PropertyNames"/>; per solve <c>&lt;property&gt;_percolates</c>
/// (bool), <c>_percolating_fraction</c>, <c>_iterations</c> (int32), <c>_residual</c>, <c>_flux_mismatch</c>,
/// <c>_converged</c> (bool), <c>_seconds</c>; <c>interfacial_area_seconds</c>; and <c>voxel_batch</c> (binary: the
/// voxel-ready payload byte for byte). Written uncompressed: the forwarded payload is compressed already.
/// </summary>
public static class PropertiesBatchCodec
{
    public const string SchemaId = "mesostream.properties-batch/1";

    /// <summary>The nine properties (<see cref="EffectiveProperties"/>), then the measured phase fractions.</summary>
    public static IReadOnlyList<string> PropertyNames { get; } = [.. EffectiveProperties.Names, .. MeasuredFractions.Names];

    /// <summary>The six transport solves, named by the property each gives.</summary>
    public static IReadOnlyList<string> SolveNames { get; } = [.. EffectiveProperties.Transport.Select(p => p.Name)];

    public static byte[] Encode(PropertiesBatch batch)
    {
        var schema = new Schema.Builder().Field(f => f.Name("id").DataType(StringType.Default).Nullable(false));
        var columns = new List<IArrowArray> { new StringArray.Builder().Append(batch.StructureId).Build() };
        void AddDouble(string name, double value)
        {
            schema.Field(f => f.Name(name).DataType(DoubleType.Default).Nullable(false));
            columns.Add(new DoubleArray.Builder().Append(value).Build());
        }

        void AddBool(string name, bool value)
        {
            schema.Field(f => f.Name(name).DataType(BooleanType.Default).Nullable(false));
            columns.Add(new BooleanArray.Builder().Append(value).Build());
        }

        foreach (var name in PropertyNames)
        {
            AddDouble(name, batch.Properties.TryGetValue(name, out var v) ? v : throw new ArgumentException($"property {name} is missing", nameof(batch)));
        }

        foreach (var name in SolveNames)
        {
            var solve = batch.Solves.SingleOrDefault(s => s.Property == name) ?? throw new ArgumentException($"the {name} solve is missing", nameof(batch));
            AddBool(name + "_percolates", solve.Percolates);
            AddDouble(name + "_percolating_fraction", solve.PercolatingFraction);
            schema.Field(f => f.Name(name + "_iterations").DataType(Int32Type.Default).Nullable(false));
            columns.Add(new Int32Array.Builder().Append(solve.Iterations).Build());
            AddDouble(name + "_residual", solve.RelativeResidual);
            AddDouble(name + "_flux_mismatch", solve.FluxMismatch);
            AddBool(name + "_converged", solve.Converged);
            AddDouble(name + "_seconds", solve.Seconds);
        }

        AddDouble("interfacial_area_seconds", batch.InterfacialAreaSeconds);
        schema.Field(f => f.Name("voxel_batch").DataType(BinaryType.Default).Nullable(false));
        columns.Add(new BinaryArray.Builder().Append(batch.VoxelPayload.AsSpan()).Build());

        using var record = new RecordBatch(schema.Metadata(ArrowIpc.SchemaMetadataKey, SchemaId).Build(), columns, 1);
        return ArrowIpc.Write(record, ArrowCompression.None);
    }

    public static PropertiesBatch Decode(ReadOnlyMemory<byte> payload)
    {
        using var record = ArrowIpc.ReadSingle(payload, SchemaId);
        if (record.Length != 1)
        {
            throw new InvalidMessageException("payload", $"a properties batch holds exactly 1 row, got {record.Length}");
        }

        var id = StructureId.Require("id", ArrowColumns.RequiredString(record, "id", 0));
        var properties = PropertyNames.ToDictionary(n => n, n => Property(record, n));
        var solves = SolveNames.Select(n => new SolveDiagnostics(
            n,
            ArrowColumns.Bool(record, n + "_percolates", 0),
            ArrowColumns.Double(record, n + "_percolating_fraction", 0),
            ArrowColumns.Int32(record, n + "_iterations", 0),
            ArrowColumns.Double(record, n + "_residual", 0),
            ArrowColumns.Double(record, n + "_flux_mismatch", 0),
            ArrowColumns.Bool(record, n + "_converged", 0),
            ArrowColumns.Double(record, n + "_seconds", 0))).ToList();
        // StringArray derives from BinaryArray in Apache.Arrow, so the type id tells a utf8 column from a binary one.
        var voxels = ArrowColumns.Column(record, "voxel_batch") is BinaryArray binary && binary.Data.DataType.TypeId == ArrowTypeId.Binary
            ? ArrowColumns.Bytes(binary, "voxel_batch", 0) ?? throw new InvalidMessageException("voxel_batch", "row 0 is null; the solved volume is required")
            : throw new InvalidMessageException("voxel_batch", "must be a binary column");
        return new PropertiesBatch(id, properties, solves, ArrowColumns.Double(record, "interfacial_area_seconds", 0), voxels);
    }

    /// <summary>
    /// A property as the solver defines it: never NaN or negative; +∞ only for a tortuosity (the phase does not
    /// percolate); porosity and AM fraction are volume fractions.
    /// </summary>
    private static double Property(RecordBatch record, string name)
    {
        var value = ArrowColumns.Double(record, name, 0);
        var (max, allowed) = EffectiveProperties.Find(name) is { } property ? (property.Max, property.Range) : (1.0, "[0, 1]");
        return value >= 0 && value <= max ? value : throw new InvalidMessageException(name, $"{value} is out of range: allowed {allowed}");
    }
}

using MesoStream.Contracts.Arrow;
using MesoStream.Contracts.Messaging;
using MesoStream.Testing.Payloads;

namespace MesoStream.Contracts.Tests;

public class PropertiesBatchCodecTests
{
    private static PropertiesBatch Sample(string id = "s-1", string? property = null, double value = 0) => new(id,
        PropertiesBatchCodec.PropertyNames.ToDictionary(n => n, n => n == property ? value : n is "porosity" or "active_fraction" ? 0.4 : 2.0),
        PropertiesBatchCodec.SolveNames.Select(n => new SolveDiagnostics(n, true, 1, 10, 1e-7, 1e-5, true, 0.1)).ToList(),
        0.01, [1, 2, 3]);

    [Fact]
    public void A_properties_batch_round_trips_and_a_non_percolating_tortuosity_is_infinite()
    {
        var batch = Sample(property: "tau_y", value: double.PositiveInfinity);
        var decoded = PropertiesBatchCodec.Decode(PropertiesBatchCodec.Encode(batch));
        Assert.Equal(batch.StructureId, decoded.StructureId);
        Assert.Equal(batch.Properties, decoded.Properties);
        Assert.Equal(batch.Solves, decoded.Solves);
        Assert.Equal(batch.VoxelPayload, decoded.VoxelPayload);
    }

    public static TheoryData<string, Func<byte[]>, string, string> Forgeries => new()
    {
        { "a NaN tortuosity", () => PropertiesBatchCodec.Encode(Sample(property: "tau_x", value: double.NaN)), "tau_x", "NaN is out of range: allowed [0, +∞]" },
        { "a negative conductivity", () => PropertiesBatchCodec.Encode(Sample(property: "sigma_z", value: -1)), "sigma_z", "-1 is out of range: allowed [0, +∞)" },
        { "an infinite area", () => PropertiesBatchCodec.Encode(Sample(property: "a01", value: double.PositiveInfinity)), "a01", "out of range: allowed [0, +∞)" },
        { "a porosity above 1", () => PropertiesBatchCodec.Encode(Sample(property: "porosity", value: 1.5)), "porosity", "1.5 is out of range: allowed [0, 1]" },
        { "an empty id", () => PropertiesBatchCodec.Encode(Sample(id: "")), "id", "is empty" },
        { "an id with a slash", () => PropertiesBatchCodec.Encode(Sample(id: "a/b")), "id", "outside the id alphabet" },
        { "a missing property", () => Forge().Without("sigma_x").Write(ArrowCompression.None), "sigma_x", "column is missing" },
        { "a property of the wrong type", () => Forge().With("tau_z", ArrowForge.Int32(3)).Write(ArrowCompression.None), "tau_z", "must be a non-null float64 column" },
        { "iterations without a value buffer", () => Forge().With("tau_x_iterations", ArrowForge.Int32WithoutBuffer()).Write(ArrowCompression.None), "tau_x_iterations", "is malformed" },
        { "voxels as text", () => Forge().With("voxel_batch", ArrowForge.String("voxels")).Write(ArrowCompression.None), "voxel_batch", "must be a binary column" },
        { "a voxel batch", () => VoxelBatchCodec.Encode(VoxelBatchCodecTests.Sample(8, 8, 8, 1, 0)), ArrowIpc.SchemaMetadataKey, "unknown schema \"mesostream.voxel-batch/2\"" },
    };

    [Theory]
    [MemberData(nameof(Forgeries))]
    public void A_forged_properties_batch_is_refused_naming_the_column(string description, Func<byte[]> forge, string field, string reason)
    {
        var payload = forge();
        var error = Assert.Throws<InvalidMessageException>(() => PropertiesBatchCodec.Decode(payload));
        Assert.True(error.Errors[0].Field == field, $"{description}: expected field {field}, got {error.Message}");
        Assert.Contains(reason, error.Message);
    }

    [Fact]
    public void A_corrupted_properties_payload_gives_a_clear_error_not_a_crash()
    {
        CorruptCopies.AreDecodedOrRefusedByName(PropertiesBatchCodec.Decode, PropertiesBatchCodec.Encode(Sample()), seed: 11);
    }

    private static ArrowForge Forge() => ArrowForge.From(PropertiesBatchCodec.Encode(Sample()));
}

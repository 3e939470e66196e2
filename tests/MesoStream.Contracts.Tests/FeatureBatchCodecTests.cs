using CsCheck;
using MesoStream.Contracts.Arrow;
using MesoStream.Contracts.Messaging;

namespace MesoStream.Contracts.Tests;

public class FeatureBatchCodecTests
{
    [Fact]
    public void Named_columns_ids_and_special_values_round_trip()
    {
        var batch = new FeatureBatch(
            ["s-1", "s-2", "s-3"],
            [new("tau_x", [1.5, double.PositiveInfinity, 2.0]), new("γ^3·(1/φ^3)", [double.NaN, -0.0, 1e-300])],
            [new("spec_json", ["{}", null, "{\"a\":1}"])]);
        var decoded = FeatureBatchCodec.Decode(FeatureBatchCodec.Encode(batch));
        Assert.Equal(batch.Ids, decoded.Ids);
        Assert.Equal(["tau_x", "γ^3·(1/φ^3)"], decoded.Numeric.Select(c => c.Key));
        Assert.Equal(batch.Column("tau_x"), decoded.Column("tau_x"));
        Assert.Equal(batch.Column("γ^3·(1/φ^3)"), decoded.Column("γ^3·(1/φ^3)"));
        Assert.Equal(batch.TextColumn("spec_json"), decoded.TextColumn("spec_json"));
    }

    [Fact]
    public void Random_feature_batches_round_trip()
    {
        Gen.Select(Gen.Int[0, 30], Gen.Int[0, 60], Gen.Int)
            .Sample((rows, columns, seed) =>
            {
                var random = new Random(seed);
                var ids = Enumerable.Range(0, rows).Select(r => $"id-{r}").ToArray();
                var numeric = Enumerable.Range(0, columns)
                    .Select(c => new KeyValuePair<string, double[]>($"f{c}", Enumerable.Range(0, rows).Select(_ => random.NextDouble() * 1e6 - 5e5).ToArray()))
                    .ToList();
                var decoded = FeatureBatchCodec.Decode(FeatureBatchCodec.Encode(new FeatureBatch(ids, numeric)));
                Assert.Equal(ids, decoded.Ids);
                Assert.Equal(numeric.Select(c => c.Key), decoded.Numeric.Select(c => c.Key));
                for (var c = 0; c < columns; c++)
                {
                    Assert.Equal(numeric[c].Value, decoded.Numeric[c].Value);
                }
            }, iter: 60);
    }

    [Fact]
    public void Columns_of_the_wrong_length_or_duplicate_names_are_refused()
    {
        Assert.Equal("x", Assert.Throws<InvalidMessageException>(() => new FeatureBatch(["a", "b"], [new("x", [1.0])])).Errors[0].Field);
        Assert.Equal("x", Assert.Throws<InvalidMessageException>(() => new FeatureBatch(["a"], [new("x", [1.0]), new("x", [2.0])])).Errors[0].Field);
        Assert.Equal("id", Assert.Throws<InvalidMessageException>(() => new FeatureBatch(["a"], [new("id", [1.0])])).Errors[0].Field);
    }

    [Fact]
    public void Every_row_id_must_follow_the_id_rule()
    {
        var payload = FeatureBatchCodec.Encode(new FeatureBatch(["s-1", "", "s-3"], [new("x", [1.0, 2.0, 3.0])]));
        var error = Assert.Throws<InvalidMessageException>(() => FeatureBatchCodec.Decode(payload));
        Assert.Equal("id[1]", error.Errors[0].Field);
        Assert.Contains("is empty", error.Message);
    }

    [Fact]
    public void A_corrupted_feature_payload_gives_a_clear_error_not_a_crash()
    {
        var payload = FeatureBatchCodec.Encode(new FeatureBatch(["s-1", "s-2"], [new("x", [1.0, 2.0]), new("y", [3.0, 4.0])], [new("t", ["a", null])]));
        CorruptCopies.AreDecodedOrRefusedByName(FeatureBatchCodec.Decode, payload, seed: 13);
    }

    [Fact]
    public void A_truncated_feature_payload_gives_a_clear_error()
    {
        var payload = FeatureBatchCodec.Encode(new FeatureBatch(["a"], [new("x", [1.0])]));
        var error = Assert.Throws<InvalidMessageException>(() => FeatureBatchCodec.Decode(payload.AsMemory(0, payload.Length / 2)));
        Assert.Equal("payload", error.Errors[0].Field);
    }
}

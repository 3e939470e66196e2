using Confluent.Kafka;
using MesoStream.Contracts;
using MesoStream.Contracts.Messaging;
using MesoStream.Generator.Service;
using MesoStream.Infra.Broker;
using MesoStream.Infra.Hosting;
using MesoStream.Infra.Kafka;
using MesoStream.Infra.Telemetry;
using static MesoStream.Services.Tests.DeadLetterCorpus;

namespace MesoStream.Services.Tests;

/// <summary>
/// The generator over every class of bad structure spec we know of, then a good one: each bad record is dead-lettered
/// once naming its field, and the good one still becomes a voxel batch. The good record carries no schema header, as a
/// hand-written one (kcat) does not: a missing header is accepted and the body's own "schema" field is checked.
/// </summary>
public sealed class GeneratorBadInputTests : IDisposable
{
    /// <summary>The record limit the generator runs under here; the 128×128×64 spec's voxel batch is larger.</summary>
    private const int MaxRecordBytes = 256 * 1024;

    private readonly EmbeddedKafkaBroker _broker = EmbeddedKafkaBroker.Start();

    public GeneratorBadInputTests() => _broker.CreatePipelineTopics(2);

    private const string Template = """
        {"id":"ID","seed":7,"grid":{"nx":24,"ny":24,"nz":24,"voxel_um":1},
         "active_material":{"volume_fraction":0.5,"axes_um":[4,3,3],"a1":1,"a2":1},
         "binder":{"volume_fraction":0.06,"omega":0.5}}
        """;

    private static string Spec(string id) => Template.Replace("\"ID\"", $"\"{id}\"");

    /// <summary>A record keyed <paramref name="id"/> whose spec, with id <paramref name="id"/>, has <paramref name="from"/> replaced.</summary>
    private static BadRecord Edited(string id, string from, string to, string field, string reason)
    {
        var spec = Spec(id);
        Assert.Contains(from, spec);
        return new BadRecord(id, id, Utf8(spec.Replace(from, to)), field, reason);
    }

    private static BadRecord Raw(string id, string value, string field, string reason) => new(id, id, Utf8(value), field, reason);

    private static IReadOnlyList<BadRecord> Corpus()
    {
        var invalidUtf8 = Utf8(Spec("invalid-utf8").Replace("\"binder\"", "\"campaign\":\"cXY\",\"binder\""));
        var at = invalidUtf8.AsSpan().IndexOf("cXY"u8);
        invalidUtf8[at + 1] = 0xC3; // a two-byte lead byte ...
        invalidUtf8[at + 2] = 0x28; // ... followed by "(" instead of a continuation byte

        return
        [
            Raw("malformed-json", "{\"seed\": 1,", "$", "malformed JSON"),
            Raw("truncated-json", Spec("truncated-json")[..60], "$", "malformed JSON"),
            new BadRecord("empty-value", "empty-value", [], "$", "is empty"),
            new BadRecord("null-value", "null-value", null, "$", "is empty"),
            Raw("array-root", "[1,2]", "$", "must be a JSON object, got an array of 2"),
            Raw("string-root", "\"a spec\"", "$", "must be a JSON object, got the string \"a spec\""),
            Raw("number-root", "42", "$", "must be a JSON object, got the number 42"),
            Raw("null-root", "null", "$", "must be a JSON object, got null"),
            new BadRecord("invalid-utf8", "invalid-utf8", invalidUtf8, "$", "is not valid UTF-8 (byte"),
            new BadRecord("wrong-schema-header", "wrong-schema-header", Utf8(Spec("wrong-schema-header")), $"header {MessageHeaders.Schema}", "unknown schema \"mesostream.structure-spec/7\"")
            {
                Headers = new Headers { { MessageHeaders.Schema, "mesostream.structure-spec/7"u8.ToArray() } },
            },
            Edited("unknown-schema-in-body", "{\"id\"", "{\"schema\":\"mesostream.structure-spec/2\",\"id\"", "schema", "unknown schema \"mesostream.structure-spec/2\""),
            Edited("unknown-field", "\"seed\":7", "\"seed\":7,\"colour\":\"red\"", "colour", "unknown field; allowed here: schema, id, seed"),
            Edited("200k-unknown-fields", "\"seed\":7", "\"seed\":7," + string.Join(",", Enumerable.Range(0, 200_000).Select(i => $"\"f{i}\":0")), "f0", "200000 errors, the first 20")
                with { FieldListContains = true },
            Edited("100-kb-field-name", "\"seed\":7", $"\"seed\":7,\"{new string('x', 100_000)}\":0", new string('x', FieldError.MaxFieldChars - 1) + "…", "unknown field"),
            Edited("log-forging-field-name", "\"seed\":7", "\"seed\":7,\"x\\n2026-01-01 INFO forged\":0", "x\\u000a2026-01-01 INFO forged", "unknown field"),
            Edited("missing-seed", "\"seed\":7,", "", "seed", "is required: an integer in [0, 9007199254740991]"),
            Edited("missing-grid", "\"grid\":{\"nx\":24,\"ny\":24,\"nz\":24,\"voxel_um\":1},", "", "grid", "is required: an object with fields nx, ny, nz, voxel_um"),
            Edited("missing-active-material", "\"active_material\":{\"volume_fraction\":0.5,\"axes_um\":[4,3,3],\"a1\":1,\"a2\":1},", "", "active_material", "is required"),
            Edited("missing-binder", ",\n \"binder\":{\"volume_fraction\":0.06,\"omega\":0.5}", "", "binder", "is required"),
            Edited("missing-id", "\"id\":\"missing-id\",", "", "key", "\"missing-id\" differs from the payload's id \"s-"),
            Edited("empty-id", "\"id\":\"empty-id\"", "\"id\":\"\"", "id", "must be 1 to 128 characters long, got 0"),
            Edited("overlong-id", "\"id\":\"overlong-id\"", $"\"id\":\"{new string('a', 129)}\"", "id", "must be 1 to 128 characters long, got 129"),
            Edited("id-with-bad-chars", "\"id\":\"id-with-bad-chars\"", "\"id\":\"a/../b\"", "id", "\"a/../b\" has a character outside the id alphabet"),
            new BadRecord("key-not-id", "key-not-id", Utf8(Spec("another-id")), "key", "\"key-not-id\" differs from the payload's id \"another-id\""),
            new BadRecord("no-key", null, Utf8(Spec("no-key")), "key", "is missing; the record key must be the structure id \"no-key\""),
            Edited("nan-string", "\"voxel_um\":1", "\"voxel_um\":\"NaN\"", "grid.voxel_um", "got the string \"NaN\""),
            Edited("infinity-literal", "\"voxel_um\":1", "\"voxel_um\":Infinity", "$", "malformed JSON"),
            Edited("overflowing-number", "\"voxel_um\":1", "\"voxel_um\":1e999", "grid.voxel_um", "must be a finite number in [0.01, 100]"),
            Edited("number-as-string", "\"seed\":7", "\"seed\":\"7\"", "seed", "must be an integer in [0, 9007199254740991], got the string \"7\""),
            Edited("negative-seed", "\"seed\":7", "\"seed\":-1", "seed", "-1 is out of range: allowed [0, 9007199254740991]"),
            Edited("huge-seed", "\"seed\":7", "\"seed\":9007199254740992", "seed", "9007199254740992 is out of range"),
            Edited("100k-digit-seed", "\"seed\":7", $"\"seed\":{new string('9', 100_000)}", "seed", "must be an integer in [0, 9007199254740991], got the number 9999"),
            Edited("edge-too-small", "\"nx\":24", "\"nx\":4", "grid.nx", "4 is out of range: allowed [8, 512]"),
            Edited("edge-too-big", "\"ny\":24", "\"ny\":513", "grid.ny", "513 is out of range: allowed [8, 512]"),
            Edited("edge-not-integer", "\"nz\":24", "\"nz\":24.5", "grid.nz", "must be an integer in [8, 512], got the number 24.5"),
            Edited("zero-voxel", "\"voxel_um\":1", "\"voxel_um\":0", "grid.voxel_um", "0 is out of range: allowed [0.01, 100]"),
            Edited("negative-voxel", "\"voxel_um\":1", "\"voxel_um\":-2", "grid.voxel_um", "-2 is out of range: allowed [0.01, 100]"),
            Edited("active-fraction-out-of-range", "\"volume_fraction\":0.5", "\"volume_fraction\":0.95", "active_material.volume_fraction", "0.95 is out of range: allowed [0.05, 0.9]"),
            Edited("binder-fraction-out-of-range", "\"volume_fraction\":0.06", "\"volume_fraction\":0.4", "binder.volume_fraction", "0.4 is out of range: allowed [0, 0.3]"),
            Edited("fractions-sum-to-one", "\"volume_fraction\":0.5", "\"volume_fraction\":0.9", "binder.volume_fraction", "= 0.96 must be ≤ 0.95 (a pore phase must remain)"),
            Edited("axis-not-positive", "[4,3,3]", "[4,-3,3]", "active_material.axes_um[1]", "-3 is out of range: allowed [0.1, 500]"),
            Edited("two-axes", "[4,3,3]", "[4,3]", "active_material.axes_um", "must be an array of exactly 3 numbers"),
            Edited("a1-out-of-range", "\"a1\":1", "\"a1\":0", "active_material.a1", "0 is out of range: allowed [0.01, 1000]"),
            Edited("a2-out-of-range", "\"a2\":1", "\"a2\":5000", "active_material.a2", "5000 is out of range: allowed [0.01, 1000]"),
            Edited("omega-out-of-range", "\"omega\":0.5", "\"omega\":1.5", "binder.omega", "1.5 is out of range: allowed [0, 1]"),
            Edited("duplicate-key", "\"seed\":7", "\"seed\":7,\"seed\":8", "seed", "appears twice"),
            Edited("deep-nesting", "\"seed\":7", "\"seed\":7,\"campaign\":" + new string('[', 10_000) + new string(']', 10_000), "$", "malformed JSON"),
            Edited("over-the-record-limit", "\"nx\":24,\"ny\":24,\"nz\":24", "\"nx\":128,\"ny\":128,\"nz\":64", "output", $"exceeds this service's {MaxRecordBytes}-byte record limit"),
        ];
    }

    [Fact]
    public async Task Every_class_of_bad_spec_is_dead_lettered_once_naming_its_field_and_the_generator_goes_on()
    {
        var corpus = Corpus();
        Assert.True(corpus.Count >= 30, $"{corpus.Count} classes");
        using var generator = HopHost.Build<GenerateStructureConsumer>(new KafkaConnection(_broker.BootstrapServers),
            new HopOptions { ServiceName = "generator", InputTopic = Topics.StructureSpec, InstanceId = "corpus", MaxRecordBytes = MaxRecordBytes },
            new TelemetryOptions { Console = false });

        await RunAsync(_broker.BootstrapServers, Topics.StructureSpec, Topics.VoxelReady, generator, corpus,
            [new Message<string, byte[]> { Key = "good", Value = Utf8(Spec("good")) }]);
    }

    public void Dispose() => _broker.Dispose();
}

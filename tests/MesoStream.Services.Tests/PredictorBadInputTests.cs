using MesoStream.Contracts.Vocabulary;
using MesoStream.Modelling.Serving;
using MesoStream.Contracts.Models;
using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Confluent.Kafka;
using MesoStream.Contracts;
using MesoStream.Contracts.Messaging;
using MesoStream.Infra.Broker;
using MesoStream.Infra.Hosting;
using MesoStream.Contracts.Predictions;
using MesoStream.Predictor.Service;
using MesoStream.Testing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Xunit.Abstractions;

namespace MesoStream.Services.Tests;

/// <summary>
/// The predictor against a corpus of bad input on each of its doors: HTTP (status, field, reason), prediction-requested
/// (dead letter naming field and reason) and model-trained (dead letter, the last good model still served). Each door
/// is then shown still working by a positive signal: a good request after the bad ones is answered.
/// </summary>
public sealed class PredictorBadInputTests : IClassFixture<TrainedModels>, IDisposable
{
    private const string ApiKey = "predictor-test-key-7f3a";

    private static readonly byte[] ArtifactKey = Encoding.UTF8.GetBytes("artifact-test-key-91c2");

    private readonly EmbeddedKafkaBroker _broker = EmbeddedKafkaBroker.Start();
    private readonly TrainedModels _models;
    private readonly ITestOutputHelper _output;

    public PredictorBadInputTests(TrainedModels models, ITestOutputHelper output)
    {
        _models = models;
        _output = output;
        _broker.CreatePipelineTopics(2);
    }

    private string Bootstrap => _broker.BootstrapServers;

    [Fact]
    public async Task Http_refuses_every_bad_request_class_naming_field_and_reason_and_keeps_answering()
    {
        PredictorHarness.PublishModel(Bootstrap, _models[1]);
        await using var predictor = await PredictorHarness.StartAsync(Bootstrap,
            options: new PredictorOptions { ApiKey = Encoding.UTF8.GetBytes(ApiKey), MaxSpecRequests = 1 });
        await predictor.WaitForVersionAsync(1);

        foreach (var bad in PredictorBadInputCorpus.Shared(manyUnknownFields: 10, unknownNameLength: 15))
        {
            await AssertRefused(predictor, bad.Class, await PostAsync(predictor, bad.Body), bad.HttpField ?? bad.Field, bad.Reason);
        }

        var good = PredictorBadInputCorpus.GoodJson;
        var spec32 = PredictorBadInputCorpus.Spec(32);
        string Array(int count, string element) => "[" + string.Join(",", Enumerable.Repeat(element, count)) + "]";
        await AssertRefused(predictor, "array of numbers where objects are expected", await PostAsync(predictor, "[1, 2]"), "[0]", "must be a JSON object");
        await AssertRefused(predictor, "a JSON string where an object is expected", await PostAsync(predictor, "\"row\""), "$", "got string");
        await AssertRefused(predictor, "empty array", await PostAsync(predictor, "[]"), "$", "holds no input");
        await AssertRefused(predictor, "too many inputs", await PostAsync(predictor, Array(PredictionLimits.MaxInputsPerRequest + 1, "{}")), "$", "at most 10000 per request");
        await AssertRefused(predictor, "too many specs", await PostAsync(predictor, Array(PredictionLimits.MaxSpecsPerRequest + 1, spec32)), "$", "17 specs; at most 16 per request");
        await AssertRefused(predictor, "specs over the voxel budget", await PostAsync(predictor, Array(3, PredictorBadInputCorpus.Spec(200))), "$", "24,000,000 voxels in all; at most 16,000,000");
        await AssertRefused(predictor, "a bad row inside a batch", await PostAsync(predictor, $"[{good},{PredictorBadInputCorpus.RowWith("gamma", "0")}]"), "[1].gamma", "outside the allowed range");

        foreach (var contentType in new[] { "text/plain", "application/x-www-form-urlencoded", "multipart/form-data; boundary=x", "application/json; charset=latin1", null })
        {
            using var response = await PostAsync(predictor, Encoding.UTF8.GetBytes(good), contentType);
            var text = await response.Content.ReadAsStringAsync();
            Assert.True(response.StatusCode == HttpStatusCode.UnsupportedMediaType, $"{contentType ?? "no content type"}: {(int)response.StatusCode} {text}");
            Assert.Contains("Content-Type must be application/json", text, StringComparison.Ordinal);
        }

        // Expect: 100-continue lets the predictor refuse on Content-Length before the client sends what it would not read.
        using (var oversized = new HttpRequestMessage(HttpMethod.Post, "/predict") { Content = new ByteArrayContent(new byte[PredictionLimits.MaxBodyBytes + 1]) })
        {
            oversized.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
            oversized.Headers.ExpectContinue = true;
            using var tooLarge = await predictor.Http.SendAsync(oversized);
            Assert.Equal(HttpStatusCode.RequestEntityTooLarge, tooLarge.StatusCode);
            Assert.Contains("at most 4194304 bytes per request", await tooLarge.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }

        await AssertApiKeyRequired(predictor, good);
        await AssertSpecRequestsShedUnderSaturation(predictor, spec32, good);
        await AssertHostileBodyGetsABoundedAnswer(predictor);

        // Still serving after the whole corpus, the spec path included.
        using var answered = await PostAsync(predictor, Encoding.UTF8.GetBytes($"[{good},{spec32}]"));
        Assert.True(answered.StatusCode == HttpStatusCode.OK, await answered.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task A_missing_or_empty_key_file_is_a_usage_error_naming_the_option()
    {
        var empty = Path.GetTempFileName();
        try
        {
            await File.WriteAllTextAsync(empty, "  \n");
            foreach (var option in new[] { "api-key-file", "artifact-key-file" })
            {
                foreach (var (path, reason) in new[] { (empty, "the key file is empty"), (empty + ".missing", "cannot read the key file") })
                {
                    var config = new ConfigurationBuilder().AddCommandLine([$"--{option}", path]).Build();
                    var error = Assert.Throws<ArgumentException>(() => PredictorOptions.From(config));
                    Assert.StartsWith($"--{option} {path}: {reason}", error.Message, StringComparison.Ordinal);
                    Assert.Equal(2, await ServiceProgram.RunAsync(["--bootstrap", Bootstrap, $"--{option}", path], PredictRequestConsumer.Definition, PredictorHost.Build));
                }
            }
        }
        finally
        {
            File.Delete(empty);
        }
    }

    [Fact]
    public async Task Kafka_dead_letters_every_bad_request_class_naming_field_and_reason_and_answers_the_good_one_after()
    {
        PredictorHarness.PublishModel(Bootstrap, _models[1]);
        await using var predictor = await PredictorHarness.StartAsync(Bootstrap);
        await predictor.WaitForVersionAsync(1);

        var corpus = PredictorBadInputCorpus.Shared(manyUnknownFields: 200_000, unknownNameLength: 15).ToList();
        corpus.Add(new("array where an object is expected", $"[{PredictorBadInputCorpus.GoodJson}]", "$", "got array"));
        var wrongSchema = new BadRequest("wrong schema header", PredictorBadInputCorpus.GoodJson, $"header {MessageHeaders.Schema}", "unknown schema \"mesostream.prediction-request/2\"");
        using (var producer = new ProducerBuilder<string, byte[]>(new Infra.Kafka.KafkaConnection(Bootstrap).IdempotentProducer()).Build())
        {
            foreach (var bad in corpus)
            {
                producer.Produce(Topics.PredictionRequested, new Message<string, byte[]> { Key = bad.Class, Value = bad.Body });
            }

            producer.Produce(Topics.PredictionRequested, new Message<string, byte[]>
            {
                Key = wrongSchema.Class,
                Value = wrongSchema.Body,
                Headers = new Headers { { MessageHeaders.Schema, Encoding.UTF8.GetBytes("mesostream.prediction-request/2") } },
            });
            producer.Produce(Topics.PredictionRequested, new Message<string, byte[]> { Key = "tombstone", Value = null! });
            producer.Produce(Topics.PredictionRequested, new Message<string, byte[]> { Key = "good-after-bad", Value = Encoding.UTF8.GetBytes(PredictorBadInputCorpus.GoodJson) });
            producer.Flush(TimeSpan.FromSeconds(30));
        }

        corpus.Add(wrongSchema);
        corpus.Add(new("tombstone", "", "$", "malformed JSON"));
        var answered = TopicProbe.ReadCommitted(Bootstrap, Topics.Predictions, 1, TimeSpan.FromSeconds(90));
        Assert.Equal("good-after-bad", Assert.Single(answered).Message.Key);
        var dead = TopicProbe.ReadCommitted(Bootstrap, Topics.DeadLetterOf(Topics.PredictionRequested), corpus.Count, TimeSpan.FromSeconds(90))
            .ToDictionary(r => r.Message.Key);
        Assert.Equal(corpus.Select(c => c.Class).Order(), dead.Keys.Order());
        foreach (var bad in corpus)
        {
            var record = dead[bad.Class];
            Assert.True(record.HeaderText(MessageHeaders.ErrorField)?.Split(',').Contains(bad.Field) == true,
                $"{bad.Class}: field {record.HeaderText(MessageHeaders.ErrorField)}, expected {bad.Field}");
            Assert.True(record.HeaderText(MessageHeaders.ErrorMessage)?.Contains(bad.Reason, StringComparison.Ordinal) == true,
                $"{bad.Class}: message {record.HeaderText(MessageHeaders.ErrorMessage)}, expected {bad.Reason}");
        }

        var hostile = dead[corpus.Single(c => c.Class.EndsWith("unknown fields", StringComparison.Ordinal)).Class];
        var headerBytes = hostile.Message.Headers.Sum(h => h.Key.Length + h.GetValueBytes().Length);
        _output.WriteLine($"200,000 unknown fields: a {hostile.Message.Value.Length:N0}-byte record dead-lettered with {headerBytes:N0} bytes of headers");
        Assert.InRange(headerBytes, 1, 16 * 1024);
        // 200,000 unknown fields and the eleven descriptors missing.
        Assert.Contains("200011 errors, the first 20", hostile.HeaderText(MessageHeaders.ErrorMessage), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Model_trained_dead_letters_unsigned_forged_and_invalid_artifacts_and_keeps_serving_the_last_good_model()
    {
        var signedV1 = Signed(ModelArtifactCodec.Encode(_models[1]), ArtifactKey);
        PredictorHarness.PublishModel(Bootstrap, signedV1.Artifact, signedV1.Headers);
        await using var predictor = await PredictorHarness.StartAsync(Bootstrap, options: new PredictorOptions { ArtifactKey = ArtifactKey });
        await predictor.WaitForVersionAsync(1);

        var v2 = ModelArtifactCodec.Encode(_models[2]);
        var altered = (byte[])v2.Clone();
        altered[^20] ^= 0xFF;
        var signature = $"header {MessageHeaders.ArtifactSignature}";
        var bad = new List<(string Class, byte[] Artifact, Headers Headers, string Field, string Reason)>
        {
            Bad("no signature while a key is configured", v2, Unsigned(), signature, "is missing"),
            Bad("signature under another key", v2, Signed(v2, "another-key"u8.ToArray()).Headers, signature, "does not match the artifact's bytes"),
            Bad("signature of other bytes (altered after signing)", altered, Signed(v2, ArtifactKey).Headers, signature, "does not match the artifact's bytes"),
            Bad("malformed signature header", v2, WithSignature(Unsigned(), "hmac-sha256:xyz"), signature, "hex digits"),
            // A truncated gzip stream decompresses without error up to its cut, so the JSON reader names where it ends.
            Bad("truncated artifact", v2[..(v2.Length / 2)], null, "artifact", "Path: $."),
            Bad("bytes that are no artifact", "not a model"u8.ToArray(), null, "artifact", "not a gzip-compressed model artifact"),
            Bad("null artifact field", PredictorServiceTests.WithNullDescriptorRanges(v2), null, "artifact.descriptor_ranges", "null"),
            Bad("artifact of a foreign schema", GzipJson.Rewrite(v2, json => json.Replace(ModelArtifact.SchemaId, "mesostream.model-artifact/9", StringComparison.Ordinal)), null, "schema", "unknown schema"),
            Bad("wrong schema header", v2, WithSchema(Signed(v2, ArtifactKey).Headers, "mesostream.feature-batch/1"), $"header {MessageHeaders.Schema}", "unknown schema"),
        };
        foreach (var (@class, artifact, headers, _, _) in bad)
        {
            PredictorHarness.PublishModel(Bootstrap, artifact, headers);
        }

        var dead = TopicProbe.ReadCommitted(Bootstrap, Topics.DeadLetterOf(Topics.ModelTrained), bad.Count, TimeSpan.FromSeconds(60));
        Assert.Equal(bad.Count, dead.Count);
        foreach (var ((@class, _, _, field, reason), record) in bad.Zip(dead.OrderBy(r => r.Offset.Value)))
        {
            Assert.True(record.HeaderText(MessageHeaders.ErrorField)?.Split(',').Any(f => f == field || f.StartsWith(field + ".", StringComparison.Ordinal)) == true,
                $"{@class}: field {record.HeaderText(MessageHeaders.ErrorField)}, expected {field} or a field inside it");
            Assert.True(record.HeaderText(MessageHeaders.ErrorMessage)?.Contains(reason, StringComparison.Ordinal) == true, $"{@class}: {record.HeaderText(MessageHeaders.ErrorMessage)}");
        }

        // Every bad artifact was read (each is on the dlq) and none displaced version 1.
        Assert.Equal(1, await predictor.ServedVersionAsync());
        using (var answer = await PostAsync(predictor, Encoding.UTF8.GetBytes(PredictorBadInputCorpus.GoodJson)))
        {
            Assert.Contains("\"model_version\":1", await answer.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }

        var signedV2 = Signed(v2, ArtifactKey);
        PredictorHarness.PublishModel(Bootstrap, signedV2.Artifact, signedV2.Headers);
        await predictor.WaitForVersionAsync(2);

        (string, byte[], Headers, string, string) Bad(string @class, byte[] artifact, Headers? headers, string field, string reason) =>
            (@class, artifact, headers ?? Signed(artifact, ArtifactKey).Headers, field, reason);
    }

    private static Headers Unsigned() => new() { { MessageHeaders.Schema, Encoding.UTF8.GetBytes(ModelArtifact.SchemaId) } };

    private static Headers WithSignature(Headers headers, string signature)
    {
        headers.Add(MessageHeaders.ArtifactSignature, Encoding.UTF8.GetBytes(signature));
        return headers;
    }

    private static Headers WithSchema(Headers headers, string schema)
    {
        headers.Remove(MessageHeaders.Schema);
        headers.Add(MessageHeaders.Schema, Encoding.UTF8.GetBytes(schema));
        return headers;
    }

    private static (byte[] Artifact, Headers Headers) Signed(byte[] artifact, byte[] key) =>
        (artifact, WithSignature(Unsigned(), ArtifactSignature.Sign(key, artifact)));

    private static async Task AssertApiKeyRequired(PredictorHarness predictor, string good)
    {
        using var anonymous = predictor.Anonymous();
        foreach (var (name, value) in new (string, string?)[] { ("Authorization", null), ("Authorization", "Bearer wrong-key"), ("X-Api-Key", "wrong-key"), ("Authorization", $"Basic {ApiKey}") })
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, "/predict") { Content = new StringContent(good, Encoding.UTF8, "application/json") };
            if (value is not null)
            {
                request.Headers.TryAddWithoutValidation(name, value);
            }

            using var refused = await anonymous.SendAsync(request);
            Assert.True(refused.StatusCode == HttpStatusCode.Unauthorized, $"{name}: {value}: {(int)refused.StatusCode}");
            Assert.Equal("Bearer", refused.Headers.WwwAuthenticate.ToString());
        }

        using (var models = await anonymous.GetAsync("/models/current"))
        {
            Assert.Equal(HttpStatusCode.Unauthorized, models.StatusCode);
        }

        using (var live = await anonymous.GetAsync("/health/live"))
        {
            Assert.Equal(HttpStatusCode.OK, live.StatusCode);
        }

        foreach (var header in new[] { ("Authorization", $"Bearer {ApiKey}"), ("X-Api-Key", ApiKey) })
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, "/predict") { Content = new StringContent(good, Encoding.UTF8, "application/json") };
            request.Headers.Add(header.Item1, header.Item2);
            using var accepted = await anonymous.SendAsync(request);
            Assert.True(accepted.StatusCode == HttpStatusCode.OK, $"{header.Item1}: {(int)accepted.StatusCode}");
        }
    }

    /// <summary>With the only spec slot taken (as by a request in flight), a spec request is shed with 429 and Retry-After; rows still pass.</summary>
    private static async Task AssertSpecRequestsShedUnderSaturation(PredictorHarness predictor, string spec, string good)
    {
        var admission = predictor.Services.GetRequiredService<SpecAdmission>();
        using (var held = admission.TryAdmit())
        {
            Assert.True(held.IsAcquired);
            using var shed = await PostAsync(predictor, Encoding.UTF8.GetBytes(spec));
            Assert.True(shed.StatusCode == HttpStatusCode.TooManyRequests, $"{(int)shed.StatusCode} {await shed.Content.ReadAsStringAsync()}");
            Assert.Equal(TimeSpan.FromSeconds(SpecAdmission.RetryAfterSeconds), shed.Headers.RetryAfter?.Delta);
            using var row = await PostAsync(predictor, Encoding.UTF8.GetBytes(good));
            Assert.Equal(HttpStatusCode.OK, row.StatusCode);
        }

        using var admitted = await PostAsync(predictor, Encoding.UTF8.GetBytes(spec));
        Assert.True(admitted.StatusCode == HttpStatusCode.OK, await admitted.Content.ReadAsStringAsync());
    }

    /// <summary>A 4 MB body of 200,000 unknown fields: a 400 of a few kilobytes (the first 20 errors and the total), not one per field.</summary>
    private async Task AssertHostileBodyGetsABoundedAnswer(PredictorHarness predictor)
    {
        var body = Encoding.UTF8.GetBytes(PredictorBadInputCorpus.UnknownFields(200_000, 15));
        Assert.InRange(body.Length, 3_900_000, PredictionLimits.MaxBodyBytes);
        var process = Process.GetCurrentProcess();
        var before = process.WorkingSet64;
        var clock = Stopwatch.StartNew();
        using var response = await PostAsync(predictor, body);
        var text = await response.Content.ReadAsStringAsync();
        clock.Stop();
        process.Refresh();
        _output.WriteLine($"{body.Length:N0}-byte body of 200,000 unknown fields: {(int)response.StatusCode}, {Encoding.UTF8.GetByteCount(text):N0}-byte answer in {clock.ElapsedMilliseconds} ms; "
            + $"test process working set {before / 1048576.0:F0} → {process.WorkingSet64 / 1048576.0:F0} MiB (peak {process.PeakWorkingSet64 / 1048576.0:F0} MiB)");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.InRange(Encoding.UTF8.GetByteCount(text), 1, 16 * 1024);
        var problem = JsonDocument.Parse(text).RootElement;
        Assert.Equal(200_000 + Descriptors.Count, problem.GetProperty("total_errors").GetInt32());
        Assert.Equal(FieldErrors.MaxKept, problem.GetProperty("errors").EnumerateObject().Count());
    }

    private static async Task AssertRefused(PredictorHarness predictor, string @class, HttpResponseMessage response, string field, string reason)
    {
        using (response)
        {
            var text = await response.Content.ReadAsStringAsync();
            Assert.True(response.StatusCode == HttpStatusCode.BadRequest, $"{@class}: {(int)response.StatusCode} {text}");
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
            var problem = JsonDocument.Parse(text).RootElement;
            Assert.True(problem.GetProperty("errors").TryGetProperty(field, out var messages), $"{@class}: no error for {field}: {text}");
            Assert.True(messages.EnumerateArray().Any(m => m.GetString()!.Contains(reason, StringComparison.Ordinal)), $"{@class}: no \"{reason}\" in {text}");
            Assert.True(problem.GetProperty("total_errors").GetInt32() >= 1, $"{@class}: {text}");
        }
    }

    private static Task<HttpResponseMessage> PostAsync(PredictorHarness predictor, string body) => PostAsync(predictor, Encoding.UTF8.GetBytes(body));

    /// <summary>POST /predict with the harness's client (which carries the API key when the predictor has one).</summary>
    private static Task<HttpResponseMessage> PostAsync(PredictorHarness predictor, byte[] body, string? contentType = "application/json")
    {
        var content = new ByteArrayContent(body);
        content.Headers.ContentType = contentType is null ? null : MediaTypeHeaderValue.Parse(contentType);
        return predictor.Http.PostAsync("/predict", content);
    }

    public void Dispose() => _broker.Dispose();
}

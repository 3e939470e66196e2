using MesoStream.Contracts.Predictions;
using MesoStream.Trainer.Workflow;
using MesoStream.Modelling.Serving;
using MesoStream.Contracts.Models;
using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using MesoStream.Contracts;
using MesoStream.Contracts.Messaging;
using MesoStream.Generator;
using MesoStream.Infra.Broker;
using MesoStream.Predictor.Serving;
using MesoStream.Testing;
using MesoStream.Trainer.Benchmarking;
using MesoStream.Trainer.Dataset;

namespace MesoStream.Services.Tests;

/// <summary>
/// The predictor service on the embedded broker: hot swap under load, bad requests over HTTP and Kafka, the three
/// prediction paths agreeing exactly, and model-trained handling (no model yet, corrupt artifact, restart).
/// </summary>
public sealed class PredictorServiceTests : IClassFixture<TrainedModels>, IDisposable
{
    private readonly EmbeddedKafkaBroker _broker = EmbeddedKafkaBroker.Start();
    private readonly TrainedModels _models;

    public PredictorServiceTests(TrainedModels models)
    {
        _models = models;
        _broker.CreatePipelineTopics(2);
    }

    private string Bootstrap => _broker.BootstrapServers;

    [Fact]
    public async Task Hot_swap_under_load_fails_no_request_and_tags_every_answer_with_a_version_that_existed()
    {
        PredictorHarness.PublishModel(Bootstrap, _models[1]);
        await using var predictor = await PredictorHarness.StartAsync(Bootstrap);
        await predictor.WaitForVersionAsync(1);
        var rows = SyntheticDataset.Create(50, seed: 11);

        using var stop = new CancellationTokenSource();
        var httpAnswers = new ConcurrentBag<(DatasetRecord Row, PredictionResult Result)>();
        var failures = new ConcurrentBag<string>();
        var clients = Enumerable.Range(0, 2).Select(client => Task.Run(async () =>
        {
            for (var n = 0; !stop.IsCancellationRequested; n++)
            {
                var batch = rows.Skip((n * 7 + client) % 40).Take(1 + n % 10).ToList();
                try
                {
                    var response = await predictor.PredictAsync(batch.Select(PredictorHarness.RowRequest).ToList());
                    foreach (var (row, result) in batch.Zip(response.Predictions))
                    {
                        httpAnswers.Add((row, result));
                        if (result.ModelVersion != response.ModelVersion)
                        {
                            failures.Add($"a batch mixed versions {response.ModelVersion} and {result.ModelVersion}");
                        }
                    }
                }
                catch (Exception e)
                {
                    failures.Add(e.Message);
                }
            }
        })).ToList();
        var kafkaRequests = 0;
        var producer = Task.Run(async () =>
        {
            while (!stop.IsCancellationRequested)
            {
                var chunk = rows.Select((row, i) => ($"k-{kafkaRequests + i}", JsonSerializer.SerializeToUtf8Bytes(PredictorHarness.RowRequest(row)))).Take(10).ToList();
                PredictorHarness.ProduceRequests(Bootstrap, chunk);
                kafkaRequests += chunk.Count;
                await Task.Delay(50);
            }
        });

        await Task.Delay(1000);
        PredictorHarness.PublishModel(Bootstrap, _models[2]);
        await predictor.WaitForVersionAsync(2);
        await Task.Delay(1000);
        PredictorHarness.PublishModel(Bootstrap, _models[3]);
        await predictor.WaitForVersionAsync(3);
        await Task.Delay(1000);
        await stop.CancelAsync();
        await Task.WhenAll([.. clients, producer]);

        Assert.Empty(failures);
        Assert.Equal([1, 2, 3], httpAnswers.Select(a => a.Result.ModelVersion).Distinct().Order());
        foreach (var (row, result) in httpAnswers)
        {
            // Each answer is exactly what the version it names predicts: no half-swapped model ever answered.
            var expected = _models[result.ModelVersion].Predict(PredictorHarness.DescriptorsOf(row));
            Assert.Equal(expected.Properties, result.Properties);
        }

        var predictions = TopicProbe.ReadCommitted(Bootstrap, Topics.Predictions, kafkaRequests, TimeSpan.FromSeconds(90));
        Assert.Equal(kafkaRequests, predictions.Count);
        Assert.Equal(kafkaRequests, predictions.Select(p => p.Message.Key).Distinct().Count());
        Assert.All(predictions, p => Assert.Contains(PredictionJson.Decode(p.Message.Value).ModelVersion, new[] { 1, 2, 3 }));
        Assert.Empty(TopicProbe.ReadCommitted(Bootstrap, Topics.DeadLetterOf(Topics.PredictionRequested), 0, TimeSpan.Zero));
    }

    [Fact]
    public async Task Bad_requests_get_field_errors_over_http_and_the_dlq_over_kafka_and_the_service_keeps_going()
    {
        PredictorHarness.PublishModel(Bootstrap, _models[1]);
        await using var predictor = await PredictorHarness.StartAsync(Bootstrap);
        await predictor.WaitForVersionAsync(1);
        var good = PredictorHarness.RowRequest(SyntheticDataset.Create(1, seed: 5)[0]);
        Dictionary<string, object> With(string field, object value) => new(good) { [field] = value };

        await AssertProblem(await Post("{\"v_am\": "), "$", "malformed JSON");
        await AssertProblem(await Post(JsonSerializer.Serialize(With("v_am", "NaN"))), "v_am", "finite JSON number in [7.45E-09, 1]");
        await AssertProblem(await Post(JsonSerializer.Serialize(With("v_am", 1.5))), "v_am", "outside the allowed range [7.45E-09, 1]");
        await AssertProblem(await Post(JsonSerializer.Serialize(With("a1", 0.0))), "a1", "[0.01, 1000]");
        await AssertProblem(await Post(JsonSerializer.Serialize(With("porosity", 0.3))), "porosity", "unknown field");
        await AssertProblem(await Post(JsonSerializer.Serialize(new[] { good, With("sphericity", -1.0) })), "[1].sphericity", "[7.45E-09, 1]");
        var spec = GeneratorPresets.Fast(1).ToJson().Replace("\"volume_fraction\":0.6", "\"volume_fraction\":0.99", StringComparison.Ordinal);
        await AssertProblem(await Post(spec), "active_material.volume_fraction", "0.9");
        var huge = "[" + string.Join(",", Enumerable.Repeat(JsonSerializer.Serialize(good), 30_000)) + "]";
        // Expect: 100-continue lets the predictor refuse on Content-Length before the client sends 5 MB it would not read.
        using var oversized = new HttpRequestMessage(HttpMethod.Post, "/predict") { Content = new StringContent(huge, Encoding.UTF8, "application/json") };
        oversized.Headers.ExpectContinue = true;
        using (var tooLarge = await predictor.Http.SendAsync(oversized))
        {
            Assert.Equal(HttpStatusCode.RequestEntityTooLarge, tooLarge.StatusCode);
            Assert.Equal("application/problem+json", tooLarge.Content.Headers.ContentType?.MediaType);
        }

        Assert.Equal(1, (await predictor.PredictAsync(good)).ModelVersion);

        PredictorHarness.ProduceRequests(Bootstrap,
        [
            ("malformed", Encoding.UTF8.GetBytes("{\"v_am\": ")),
            ("nan", JsonSerializer.SerializeToUtf8Bytes(With("v_am", "NaN"))),
            ("range", JsonSerializer.SerializeToUtf8Bytes(With("r_eq", 1e6))),
            ("good", JsonSerializer.SerializeToUtf8Bytes(good)),
        ]);
        var dead = TopicProbe.ReadCommitted(Bootstrap, Topics.DeadLetterOf(Topics.PredictionRequested), 3, TimeSpan.FromSeconds(60))
            .ToDictionary(r => r.Message.Key, r => r.HeaderText(MessageHeaders.ErrorField));
        Assert.Equal(new Dictionary<string, string?> { ["malformed"] = "$", ["nan"] = "v_am", ["range"] = "r_eq" }, dead);
        var answered = Assert.Single(TopicProbe.ReadCommitted(Bootstrap, Topics.Predictions, 1, TimeSpan.FromSeconds(60)));
        Assert.Equal("good", answered.Message.Key);

        async Task<HttpResponseMessage> Post(string json) =>
            await predictor.Http.PostAsync("/predict", new StringContent(json, Encoding.UTF8, "application/json"));
    }

    [Fact]
    public async Task Kafka_http_and_the_offline_cli_predict_exactly_the_same_for_the_same_model_and_input()
    {
        var directory = Directory.CreateTempSubdirectory("mesostream-predictor").FullName;
        try
        {
            ModelDirectory.Write(_models.Outcomes[0], directory, plots: false);
            var rows = SyntheticDataset.Create(3, seed: 21).ToList();
            rows[2].A1 = 500; // outside the training range: answered, flagged as extrapolation
            var spec = GeneratorPresets.Fast(7) with { Grid = new Contracts.Specs.GridSpec(32, 32, 32, 1.0) };
            spec = spec with { Id = "spec-7" };
            var csv = Path.Combine(directory, "rows.csv");
            using (var writer = new StreamWriter(csv))
            {
                DatasetCsv.Write(rows, writer);
            }

            var jsonl = Path.Combine(directory, "specs.jsonl");
            await File.WriteAllTextAsync(jsonl, spec.ToJson() + "\n");

            var offline = RunCli("predict", "--model", directory, "--input", csv, "--json")
                .Concat(RunCli("predict", "--model", directory, "--input", jsonl, "--json")).ToList();

            PredictorHarness.PublishModel(Bootstrap, ModelArtifactFile.Read(directory));
            await using var predictor = await PredictorHarness.StartAsync(Bootstrap);
            await predictor.WaitForVersionAsync(1);
            var http = (await predictor.PredictAsync(rows.Select(r => (object)PredictorHarness.RowRequest(r)).Append(JsonDocument.Parse(spec.ToJson()).RootElement).ToList())).Predictions;

            PredictorHarness.ProduceRequests(Bootstrap,
                [.. rows.Select(r => (r.Id, JsonSerializer.SerializeToUtf8Bytes(PredictorHarness.RowRequest(r)))), (spec.Id, Encoding.UTF8.GetBytes(spec.ToJson()))]);
            var kafka = TopicProbe.ReadCommitted(Bootstrap, Topics.Predictions, 4, TimeSpan.FromSeconds(60)).Select(r => PredictionJson.Decode(r.Message.Value)).ToList();

            Assert.Equal(4, offline.Count);
            Assert.Equal(4, kafka.Count);
            foreach (var expected in offline)
            {
                foreach (var other in new[] { http.Single(p => p.Id == expected.Id), kafka.Single(p => p.Id == expected.Id) })
                {
                    Assert.Equal(expected.ModelVersion, other.ModelVersion);
                    Assert.Equal(expected.Input, other.Input);
                    Assert.Equal(expected.Properties, other.Properties);
                    Assert.Equal(expected.Descriptors, other.Descriptors);
                    Assert.Equal(expected.Validity.OutOfRange, other.Validity.OutOfRange);
                }
            }

            Assert.Contains("a1", offline.Single(p => p.Id == rows[2].Id).Validity.OutOfRange);
            Assert.True(offline.Single(p => p.Id == rows[2].Id).Validity.Extrapolation);
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    [Fact]
    public async Task Requests_wait_for_the_first_model_a_corrupt_artifact_keeps_the_last_good_one_and_a_restart_serves_the_latest()
    {
        var rows = SyntheticDataset.Create(3, seed: 31);
        PredictorHarness.ProduceRequests(Bootstrap, rows.Select(r => (r.Id, JsonSerializer.SerializeToUtf8Bytes(PredictorHarness.RowRequest(r)))));
        await using (var predictor = await PredictorHarness.StartAsync(Bootstrap))
        {
            // No model yet: HTTP says 503 and not ready; the requests wait (all answered by version 1 below, none dead-lettered).
            Assert.Equal(HttpStatusCode.ServiceUnavailable, (await predictor.Http.GetAsync("/health/ready")).StatusCode);
            Assert.Equal(HttpStatusCode.OK, (await predictor.Http.GetAsync("/health/live")).StatusCode);
            using (var refused = await predictor.Http.PostAsJsonAsync("/predict", PredictorHarness.RowRequest(rows[0])))
            {
                Assert.Equal(HttpStatusCode.ServiceUnavailable, refused.StatusCode);
                Assert.NotNull(refused.Headers.RetryAfter);
            }

            PredictorHarness.PublishModel(Bootstrap, _models[1]);
            var waited = TopicProbe.ReadCommitted(Bootstrap, Topics.Predictions, 3, TimeSpan.FromSeconds(60));
            Assert.Equal(rows.Select(r => r.Id).Order(), waited.Select(r => r.Message.Key).Order());
            Assert.All(waited, r => Assert.Equal(1, PredictionJson.Decode(r.Message.Value).ModelVersion));
            TopicProbe.WaitUntilConsumed(Bootstrap, "predictor", Topics.PredictionRequested, TimeSpan.FromSeconds(30));
            Assert.Equal(3, TopicProbe.ReadAll(Bootstrap, Topics.Predictions, TimeSpan.FromSeconds(30)).Count);
            Assert.Empty(TopicProbe.ReadAll(Bootstrap, Topics.DeadLetterOf(Topics.PredictionRequested), TimeSpan.FromSeconds(30)));
            Assert.Equal(HttpStatusCode.OK, (await predictor.Http.GetAsync("/health/ready")).StatusCode);

            var corrupt = ModelArtifactCodec.Encode(_models[2]);
            corrupt[^20] ^= 0xFF;
            PredictorHarness.PublishModel(Bootstrap, corrupt);
            // An artifact whose descriptor ranges are null once crashed the predictor on every restart (it re-reads the topic).
            PredictorHarness.PublishModel(Bootstrap, WithNullDescriptorRanges(ModelArtifactCodec.Encode(_models[2])));
            var dead = TopicProbe.ReadCommitted(Bootstrap, Topics.DeadLetterOf(Topics.ModelTrained), 2, TimeSpan.FromSeconds(30));
            Assert.Equal(2, dead.Count);
            Assert.All(dead, r => Assert.Equal("invalid-message", r.HeaderText(MessageHeaders.ErrorType)));
            Assert.Contains(dead, r => r.HeaderText(MessageHeaders.ErrorField) == "artifact.descriptor_ranges");
            Assert.Equal(1, await predictor.ServedVersionAsync());
            Assert.Equal(1, (await predictor.PredictAsync(PredictorHarness.RowRequest(rows[0]))).ModelVersion);

            PredictorHarness.PublishModel(Bootstrap, _models[3]);
            await predictor.WaitForVersionAsync(3);
            // An older version after it is not served: a corrupt artifact published behind it (same key, same
            // partition) reaching the dlq is the signal that the listener has read past it.
            PredictorHarness.PublishModel(Bootstrap, _models[2]);
            PredictorHarness.PublishModel(Bootstrap, corrupt);
            Assert.Equal(3, TopicProbe.ReadCommitted(Bootstrap, Topics.DeadLetterOf(Topics.ModelTrained), 3, TimeSpan.FromSeconds(30), settle: TimeSpan.Zero).Count);
            Assert.Equal(3, await predictor.ServedVersionAsync());
        }

        // The trainer republishes at its start: the topic now ends with an older version, which a restart must not serve.
        PredictorHarness.PublishModel(Bootstrap, _models[1]);
        await using var restarted = await PredictorHarness.StartAsync(Bootstrap);
        await restarted.WaitForVersionAsync(3);
    }

    /// <summary>The artifact with <c>"descriptor_ranges": null</c>, as a buggy or hostile producer could write it.</summary>
    internal static byte[] WithNullDescriptorRanges(byte[] artifact) =>
        GzipJson.Rewrite(artifact, json => System.Text.RegularExpressions.Regex.Replace(json, "\"descriptor_ranges\":\\[[^\\]]*\\]", "\"descriptor_ranges\":null"));

    private static List<PredictionResult> RunCli(params string[] args)
    {
        using var cli = ChildProcess.StartProject("MesoStream.Cli", "mesostream", args);
        Assert.True(cli.WaitForExit(TimeSpan.FromSeconds(120)), "mesostream predict did not finish");
        Assert.True(cli.ExitCode == 0, $"mesostream {string.Join(' ', args)} exited {cli.ExitCode}: {cli.Diagnostics()}");
        return [.. JsonSerializer.Deserialize<PredictResponse>(string.Join("\n", cli.Stdout), PredictionJson.Options)!.Predictions];
    }

    private static async Task AssertProblem(HttpResponseMessage response, string field, string message)
    {
        using (response)
        {
            var text = await response.Content.ReadAsStringAsync();
            Assert.True(response.StatusCode == HttpStatusCode.BadRequest, $"{(int)response.StatusCode}: {text}");
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
            var errors = JsonDocument.Parse(text).RootElement.GetProperty("errors");
            Assert.True(errors.TryGetProperty(field, out var messages), $"no error for {field}: {text}");
            Assert.Contains(messages.EnumerateArray(), m => m.GetString()!.Contains(message, StringComparison.Ordinal));
        }
    }

    public void Dispose() => _broker.Dispose();
}

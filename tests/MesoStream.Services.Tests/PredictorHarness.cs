using MesoStream.Contracts.Predictions;
using MesoStream.Contracts.Vocabulary;
using MesoStream.Modelling.Serving;
using MesoStream.Contracts.Models;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Confluent.Kafka;
using MesoStream.Contracts;
using MesoStream.Contracts.Messaging;
using MesoStream.Infra.Kafka;
using MesoStream.Infra.Telemetry;
using MesoStream.Predictor.Serving;
using MesoStream.Predictor.Service;
using MesoStream.Trainer.Benchmarking;
using MesoStream.Trainer.Dataset;
using MesoStream.Trainer.Workflow;
using Microsoft.AspNetCore.Builder;

namespace MesoStream.Services.Tests;

/// <summary>Three small ridge model versions, trained once for every predictor test (a few seconds each).</summary>
public sealed class TrainedModels
{
    public TrainedModels()
    {
        Outcomes = [.. Enumerable.Range(1, 3).Select(version => DatasetTraining.Run(SyntheticDataset.Create(40, seed: version),
            DatasetColumns.Properties, new WorkflowOptions { Models = [ModelKind.Ridge] }, version, DateTimeOffset.UtcNow))];
    }

    public IReadOnlyList<TrainingOutcome> Outcomes { get; }

    /// <summary>Version <paramref name="version"/> (1-based).</summary>
    public ModelArtifact this[int version] => Outcomes[version - 1].Artifact;
}

/// <summary>A predictor in this process on the embedded broker, HTTP on a free port, and the Kafka and HTTP calls the tests make.</summary>
public sealed class PredictorHarness : IAsyncDisposable
{
    private readonly WebApplication _app;

    private PredictorHarness(WebApplication app, string bootstrap, byte[]? apiKey)
    {
        _app = app;
        Bootstrap = bootstrap;
        Http = new HttpClient { BaseAddress = new Uri(app.Urls.First()), Timeout = TimeSpan.FromSeconds(60) };
        if (apiKey is not null)
        {
            Http.DefaultRequestHeaders.Add("X-Api-Key", Encoding.UTF8.GetString(apiKey));
        }
    }

    public string Bootstrap { get; }

    public HttpClient Http { get; }

    /// <summary>A client without the API key, for the requests a predictor with <c>--api-key-file</c> must refuse.</summary>
    public HttpClient Anonymous() => new() { BaseAddress = Http.BaseAddress, Timeout = Http.Timeout };

    /// <summary>The process's services, e.g. its <see cref="SpecAdmission"/>, for tests that occupy what a burst would.</summary>
    public IServiceProvider Services => _app.Services;

    public static async Task<PredictorHarness> StartAsync(string bootstrap, string instance = "test", PredictorOptions? options = null)
    {
        var app = PredictorHost.Build(new KafkaConnection(bootstrap),
            new HopOptions { ServiceName = "predictor", InputTopic = Topics.PredictionRequested, InstanceId = instance, CommitInterval = TimeSpan.FromMilliseconds(100) },
            new TelemetryOptions { Console = false },
            (options ?? new PredictorOptions()) with { Urls = "http://127.0.0.1:0" });
        await app.StartAsync();
        return new PredictorHarness(app, bootstrap, options?.ApiKey);
    }

    /// <param name="headers">The record's headers; by default the artifact schema alone, as an unsigning trainer writes.</param>
    public static void PublishModel(string bootstrap, byte[] artifact, Headers? headers = null)
    {
        using var producer = new ProducerBuilder<string, byte[]>(new KafkaConnection(bootstrap).IdempotentProducer()).Build();
        producer.Produce(Topics.ModelTrained, new Message<string, byte[]>
        {
            Key = Trainer.Service.RetrainingWorker.ModelKey,
            Value = artifact,
            Headers = headers ?? new Headers { { MessageHeaders.Schema, Encoding.UTF8.GetBytes(ModelArtifact.SchemaId) } },
        });
        producer.Flush(TimeSpan.FromSeconds(30));
    }

    public static void PublishModel(string bootstrap, ModelArtifact artifact) => PublishModel(bootstrap, ModelArtifactCodec.Encode(artifact));

    /// <summary>The JSON request of a dataset row: id and the eleven descriptors.</summary>
    public static Dictionary<string, object> RowRequest(DatasetRecord row)
    {
        var request = new Dictionary<string, object> { ["id"] = row.Id };
        foreach (var descriptor in Descriptors.All)
        {
            request[descriptor.Name] = row[descriptor.Id];
        }

        return request;
    }

    public static double[] DescriptorsOf(DatasetRecord row) => row.Descriptors();

    public async Task<PredictResponse> PredictAsync(object body)
    {
        using var response = await Http.PostAsJsonAsync("/predict", body);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"POST /predict: {(int)response.StatusCode} {text}");
        return JsonSerializer.Deserialize<PredictResponse>(text, PredictionJson.Options)!;
    }

    public async Task<int?> ServedVersionAsync()
    {
        using var response = await Http.GetAsync("/models/current");
        return response.IsSuccessStatusCode
            ? JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("version").GetInt32()
            : null;
    }

    public async Task WaitForVersionAsync(int version, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(60));
        while (await ServedVersionAsync() != version)
        {
            Assert.True(DateTime.UtcNow < deadline, $"the predictor did not serve version {version} in time (serves {await ServedVersionAsync()})");
            await Task.Delay(100);
        }
    }

    public static void ProduceRequests(string bootstrap, IEnumerable<(string Key, byte[] Value)> requests)
    {
        using var producer = new ProducerBuilder<string, byte[]>(new KafkaConnection(bootstrap).IdempotentProducer()).Build();
        foreach (var (key, value) in requests)
        {
            producer.Produce(Topics.PredictionRequested, new Message<string, byte[]> { Key = key, Value = value });
        }

        producer.Flush(TimeSpan.FromSeconds(30));
    }

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}

using MesoStream.Modelling.Featurization;
using MesoStream.Modelling.Serving;
using MesoStream.Contracts.Models;
using System.ComponentModel;
using System.Diagnostics;
using System.Text.Json;
using MesoStream.Generator;
using MesoStream.Contracts.Predictions;
using MesoStream.Predictor.Serving;
using MesoStream.Trainer.Benchmarking;
using MesoStream.Trainer.Dataset;
using MesoStream.Trainer.Workflow;
using Spectre.Console;
using Spectre.Console.Cli;

namespace MesoStream.Cli.Commands;

/// <summary>
/// The predictor's costs: single-row latency (model only, and JSON in → JSON out as the service handles a record),
/// batch throughput on all cores against one core, and seconds per spec-based prediction (generate + describe).
/// </summary>
internal sealed class BenchPredictorCommand : Command<BenchPredictorCommand.Settings>
{
    public sealed class Settings : CommandSettings
    {
        [CommandOption("-m|--model <DIR>")]
        [Description("Model directory to time (default: ridge and gradient boosting trained on --train-rows synthetic rows).")]
        public string? Model { get; init; }

        [CommandOption("--train-rows <N>")]
        [DefaultValue(300)]
        public int TrainRows { get; init; }

        [CommandOption("--rows <N>")]
        [Description("Descriptor rows per measurement.")]
        [DefaultValue(100_000)]
        public int Rows { get; init; }

        [CommandOption("--specs <N>")]
        [Description("Spec-based predictions to time.")]
        [DefaultValue(4)]
        public int Specs { get; init; }

        [CommandOption("--edge <N>")]
        [Description("Grid edge of the spec-based predictions.")]
        [DefaultValue(64)]
        public int Edge { get; init; }

        [CommandOption("--json")]
        public bool Json { get; init; }

        public override ValidationResult Validate() =>
            Rows < 1000 ? ValidationResult.Error("--rows must be at least 1000")
            : TrainRows < DatasetTraining.MinimumRows ? ValidationResult.Error($"--train-rows must be at least {DatasetTraining.MinimumRows}")
            : Specs < 1 ? ValidationResult.Error("--specs must be at least 1")
            : base.Validate();
    }

    public override int Execute(CommandContext context, Settings settings, CancellationToken cancellationToken)
    {
        var model = settings.Model is { } path ? ServedModel.Load(path)
            : DatasetTraining.Run(SyntheticDataset.Create(settings.TrainRows, seed: 1), DatasetColumns.Properties,
                new WorkflowOptions { Models = [ModelKind.Ridge, ModelKind.GradientBoosting], Threads = Environment.ProcessorCount }, 1, DateTimeOffset.UtcNow).Artifact;
        var rows = SyntheticDataset.Create(Math.Min(settings.Rows, 10_000), seed: 2)
            .Select(r => r.Descriptors()).ToArray();
        var inputs = Enumerable.Range(0, settings.Rows).Select(i => PredictionInput.FromDescriptors($"r{i}", rows[i % rows.Length])).ToArray();
        var requests = rows.Select((row, i) => JsonSerializer.SerializeToUtf8Bytes(
            DatasetColumns.Descriptors.Select((c, d) => KeyValuePair.Create(c, (object)row[d])).Prepend(KeyValuePair.Create("id", (object)$"r{i}")).ToDictionary())).ToArray();

        for (var i = 0; i < 2000; i++)
        {
            model.Predict(rows[i % rows.Length]);
        }

        var modelOnly = Latencies(settings.Rows, i => model.Predict(rows[i % rows.Length]));
        var jsonPath = Latencies(settings.Rows, i =>
            PredictionJson.Encode(PropertyPredictor.Predict(model, PredictionRequestJson.ParseOne(requests[i % requests.Length]), "r")));

        PropertyPredictor.PredictAll(model, inputs[..Math.Min(2000, inputs.Length)]);
        var descriptorRows = inputs.Select(i => i.Descriptors!).ToArray();
        var clock = Stopwatch.StartNew();
        model.Predict(descriptorRows);
        var modelOnlyBatch = settings.Rows / clock.Elapsed.TotalSeconds;
        clock.Restart();
        PropertyPredictor.PredictAll(model, inputs, maxDegreeOfParallelism: 1);
        var oneCore = settings.Rows / clock.Elapsed.TotalSeconds;
        clock.Restart();
        PropertyPredictor.PredictAll(model, inputs);
        var allCores = settings.Rows / clock.Elapsed.TotalSeconds;

        var specs = Enumerable.Range(0, settings.Specs)
            .Select(seed => GeneratorPresets.Fast(seed) with { Grid = new Contracts.Specs.GridSpec(settings.Edge, settings.Edge, settings.Edge, 1.0) })
            .Select(spec => PredictionInput.FromSpec(spec with { Id = spec.ContentId() })).ToList();
        PropertyPredictor.Predict(model, specs[0], "warm-up");
        clock.Restart();
        foreach (var spec in specs)
        {
            PropertyPredictor.Predict(model, spec, "s");
        }

        var perSpec = clock.Elapsed.TotalSeconds / specs.Count;
        var breakdown = Breakdown(model, rows, Math.Min(settings.Rows, 20_000));
        var rowByRow = 1e6 / breakdown.Sum(b => b.Micros);
        var served = string.Join(", ", model.Targets.GroupBy(t => t.Model).Select(g => $"{g.Key.ToString().ToLowerInvariant()} ×{g.Count()}"));
        var features = model.Targets.Sum(t => t.Features.Count);
        if (settings.Json)
        {
            Console.WriteLine(JsonSerializer.Serialize(new
            {
                Model = served,
                SelectedFeatures = features,
                Cores = Environment.ProcessorCount,
                ModelOnlyP50Us = modelOnly.P50, ModelOnlyP99Us = modelOnly.P99,
                JsonPathP50Us = jsonPath.P50, JsonPathP99Us = jsonPath.P99,
                RowByRowReferenceRowsPerSecondOneCore = rowByRow,
                BatchModelOnlyRowsPerSecondOneCore = modelOnlyBatch,
                BatchRowsPerSecondOneCore = oneCore, BatchRowsPerSecondAllCores = allCores,
                SecondsPerSpec = perSpec, settings.Edge,
                ModelOnlyMeanUs = modelOnly.Mean,
                MeanUsPerRow = breakdown.ToDictionary(b => b.Step, b => b.Micros),
            }, CliJson.Options));
            return CliExit.Ok;
        }

        var table = new Table().Title($"predictor: {served} ({features} selected features over 9 targets), {Environment.ProcessorCount} cores")
            .AddColumns("measurement", "value", "aim");
        table.AddRow("single row, model only: p50 / p99", $"{modelOnly.P50:F1} / {modelOnly.P99:F1} µs", "p99 < 1000 µs");
        table.AddRow("single row, JSON in → JSON out: p50 / p99", $"{jsonPath.P50:F1} / {jsonPath.P99:F1} µs", "p99 < 1000 µs");
        table.AddRow("baseline: row by row, reference tree walk, one core", $"{rowByRow:N0} rows/s", "");
        table.AddRow("batch (blocks of 32 rows), model only, one core", $"{modelOnlyBatch:N0} rows/s ({modelOnlyBatch / rowByRow:F1}× baseline)", "");
        table.AddRow("batch (blocks of 32 rows), one core", $"{oneCore:N0} rows/s ({oneCore / rowByRow:F1}× baseline)", "");
        table.AddRow($"batch, {Environment.ProcessorCount} cores", $"{allCores:N0} rows/s ({allCores / oneCore:F2}× one core)", "> 50,000 rows/s");
        table.AddRow($"spec → prediction at {settings.Edge}³ (generate + describe + predict)", $"{perSpec:F3} s", "");
        AnsiConsole.Write(table);

        var where = new Table().Title($"baseline: where a row's {breakdown.Sum(b => b.Micros):F1} µs go, row by row (the reference walk)").AddColumns("step", "µs per row", "share");
        foreach (var (step, micros) in breakdown)
        {
            where.AddRow(step, $"{micros:F2}", $"{micros * rowByRow / 1e6:P0}");
        }

        AnsiConsole.Write(where);
        return CliExit.Ok;
    }

    /// <summary>
    /// The baseline, step by step: mean µs per row of featurizing D1–D11 into 4950 features, then per target gathering
    /// its selected columns and evaluating its model one row at a time (<see cref="ServingModel.Predict"/>, the
    /// reference tree walk).
    /// </summary>
    private static List<(string Step, double Micros)> Breakdown(ModelArtifact model, double[][] rows, int count)
    {
        var features = new double[Featurizer.FeatureCount];
        var steps = new List<(string, double)> { ("featurize (4950 features)", Latencies(count, i => Featurizer.Featurize(rows[i % rows.Length], features)).Mean) };
        var featurized = rows.Take(1000).Select(row => Featurizer.Featurize(row)).ToArray();
        var selected = new double[Featurizer.FeatureCount];
        foreach (var target in model.Targets)
        {
            var columns = target.FeatureColumns;
            var micros = Latencies(count, i =>
            {
                var row = featurized[i % featurized.Length];
                for (var j = 0; j < columns.Length; j++)
                {
                    selected[j] = row[columns[j]];
                }

                target.Predictor.Predict(selected.AsSpan(0, columns.Length));
            }).Mean;
            var trees = target.Predictor is TreeEnsembleServingModel ensemble ? $", {ensemble.Trees.Length} trees of {ensemble.Trees.Average(t => t.Feature.Length):F0} nodes" : "";
            steps.Add(($"{target.Target}: {target.Model.ToString().ToLowerInvariant()}, {columns.Length} features{trees}", micros));
        }

        return steps;
    }

    /// <summary>p50, p99 and mean in µs of <paramref name="count"/> timed calls.</summary>
    private static (double P50, double P99, double Mean) Latencies(int count, Action<int> call)
    {
        var micros = new double[count];
        for (var i = 0; i < count; i++)
        {
            var start = Stopwatch.GetTimestamp();
            call(i);
            micros[i] = Stopwatch.GetElapsedTime(start).TotalMicroseconds;
        }

        var mean = micros.Average();
        Array.Sort(micros);
        return (micros[count / 2], micros[(int)(count * 0.99)], mean);
    }
}

using System.Collections.Concurrent;
using System.Diagnostics;
using MesoStream.Contracts.Models;
using MesoStream.Contracts.Specs;
using MesoStream.Contracts.Vocabulary;
using MesoStream.Descriptor.Descriptors;
using MesoStream.Generator;
using MesoStream.Generator.Campaigns;
using MesoStream.Modelling.Featurization;
using MesoStream.Modelling.Serving;
using MesoStream.Planner;
using MesoStream.Solver.Properties;
using MesoStream.Trainer.Dataset;
using MesoStream.Trainer.Metrics;
using MesoStream.Trainer.Workflow;

namespace MesoStream.Cli.Benchmarks;

/// <summary>The budget and design of one <c>bench active</c> run.</summary>
internal sealed record ActiveBenchSettings(int Initial, int Batch, int Budget, int TestSize, IReadOnlyList<long> Seeds, GridSpec Grid)
{
    public int PoolSize { get; init; } = PlannerSettings.DefaultPoolSize;

    /// <summary>One active arm per shortlist factor (the batch is spread over factor × batch candidates), all against the same Sobol arms.</summary>
    public IReadOnlyList<int> ShortlistFactors { get; init; } = [PlannerSettings.DefaultShortlistFactor];

    /// <summary>The name of the active arm with <paramref name="factor"/>: "active", or "active-K×" when several factors are compared.</summary>
    public string ArmName(int factor) => ShortlistFactors.Count == 1 ? ActiveLearningBenchmark.ActiveDesign : $"{ActiveLearningBenchmark.ActiveDesign}-{factor}x";

    public IReadOnlyList<string> Targets { get; init; } = PlannerSettings.DefaultTargets;

    /// <summary>The served model is trained and scored every this many structures (and at the budget).</summary>
    public int EvaluateEvery { get; init; } = 50;

    /// <summary>Seed of the held-out Sobol test set: no campaign seed of the bench draws it.</summary>
    public long TestSeed { get; init; } = 999_983;

    public IEnumerable<int> Checkpoints()
    {
        for (int n = Initial; n < Budget; n += EvaluateEvery)
        {
            yield return n;
        }

        yield return Budget;
    }
}

/// <summary>One point of a learning curve: a design strategy and seed after n structures, scored on the held-out test set.</summary>
internal sealed record ActiveBenchPoint(string Design, long Seed, int Structures, IReadOnlyDictionary<string, double> R2, IReadOnlyDictionary<string, double> Rmse, int TestRows);

/// <summary>
/// Active learning against a Sobol campaign at the same budget, in-process and without Kafka (issue 15): a held-out
/// Sobol test set is simulated once; then per seed the Sobol arm simulates the first N points of that seed's Sobol
/// campaign, and the active arm starts from the same first N0 and adds batches chosen by the planner
/// (<see cref="BatchPlanner"/>, with each batch's design ensembles fitted by the trainer's
/// <see cref="DesignEnsembleTraining"/> on the rows so far — what the services do, without the transport). At every
/// checkpoint each arm's rows train the model the trainer would serve (gradient boosting, the trainer's own workflow:
/// target space and hyper-parameters by inner cross-validation) and it is scored on the test set: R² and RMSE per
/// target, over the test rows whose value is finite (a non-percolating τ is left out).
/// </summary>
internal sealed class ActiveLearningBenchmark(ActiveBenchSettings settings, Action<string>? report = null)
{
    public const string SobolDesign = "sobol";
    public const string ActiveDesign = "active";

    private readonly ConcurrentDictionary<string, DatasetRecord> _simulated = new(StringComparer.Ordinal);

    public int Simulations => _simulated.Count;

    public TimeSpan SimulationTime { get; private set; }

    public TimeSpan TrainingTime { get; private set; }

    public TimeSpan PlanningTime { get; private set; }

    public IReadOnlyList<ActiveBenchPoint> Run(CancellationToken cancellationToken = default)
    {
        report?.Invoke($"test set: {settings.TestSize} Sobol structures");
        var test = Simulate(CampaignSampler.Sample(settings.TestSize, settings.TestSeed, SamplingDesign.Sobol, settings.Grid, "bench-active-test"), cancellationToken);
        var points = new List<ActiveBenchPoint>();
        var checkpoints = settings.Checkpoints().ToHashSet();
        foreach (var seed in settings.Seeds)
        {
            var campaign = $"bench-active-{seed}";
            var sobolSpecs = CampaignSampler.Sample(settings.Budget, seed, SamplingDesign.Sobol, settings.Grid, campaign);
            report?.Invoke($"seed {seed}: Sobol arm, {settings.Budget} structures");
            var sobol = Simulate(sobolSpecs, cancellationToken);
            foreach (var n in checkpoints.Order())
            {
                points.Add(Score(SobolDesign, seed, sobol.Take(n).ToList(), test));
            }

            var start = points.Single(p => p.Design == SobolDesign && p.Seed == seed && p.Structures == settings.Initial);
            foreach (var factor in settings.ShortlistFactors)
            {
                // Every arm starts from the same N0 structures: its first point is the Sobol arm's.
                var arm = settings.ArmName(factor);
                points.Add(start with { Design = arm });
                var active = sobol.Take(settings.Initial).ToList();
                var planner = new PlannerSettings(campaign, seed, settings.Grid, settings.Budget, settings.Batch)
                {
                    PoolSize = settings.PoolSize,
                    ShortlistFactor = factor,
                    Targets = settings.Targets,
                };
                while (active.Count < settings.Budget)
                {
                    cancellationToken.ThrowIfCancellationRequested();
                    var clock = Stopwatch.StartNew();
                    var batch = BatchPlanner.Plan(active.Count, active.Count, Ranges(active), Ensembles(active, settings.Targets), planner);
                    PlanningTime += clock.Elapsed;
                    report?.Invoke($"seed {seed}: {arm} at {active.Count}, batch of {batch.Specs.Count} (scores {batch.Specs.Max(s => s.Score):G3}…{batch.Specs.Min(s => s.Score):G3})");
                    active.AddRange(Simulate([.. batch.Specs.Select(s => s.Spec)], cancellationToken));
                    if (checkpoints.Contains(active.Count))
                    {
                        points.Add(Score(arm, seed, active, test));
                    }
                }
            }
        }

        return points;
    }

    /// <summary>
    /// Per target, the design ensemble the trainer would publish for these rows: the featurizable ones in id order,
    /// the same seeds as <see cref="DatasetTraining"/>.
    /// </summary>
    public static Dictionary<string, DesignEnsemble> Ensembles(IReadOnlyList<DatasetRecord> rows, IReadOnlyList<string> targets)
    {
        var ordered = Featurizable(rows).OrderBy(r => r.Id, StringComparer.Ordinal).ToList();
        var descriptors = ordered.Select(r => r.Descriptors()).ToList();
        var ensembles = new Dictionary<string, DesignEnsemble>(StringComparer.Ordinal);
        foreach (var target in targets)
        {
            var column = DatasetColumns.All.Single(c => c.Column == target);
            var seed = DesignEnsembleTraining.SeedFor(new WorkflowOptions().Seed, target);
            if (DesignEnsembleTraining.Train(descriptors, [.. ordered.Select(column.Get)], seed) is { } ensemble)
            {
                ensembles[target] = ensemble;
            }
        }

        return ensembles;
    }

    /// <summary>The D1…D11 ranges of the featurizable rows, as the artifact states them.</summary>
    private static DescriptorRange[] Ranges(IReadOnlyList<DatasetRecord> rows) =>
        DatasetTraining.RangesOf([.. Featurizable(rows).Select(r => r.Descriptors())]);

    /// <summary>The rows the trainer can featurize (a descriptor ≤ 0 or not finite cannot enter ln and power features).</summary>
    private static IEnumerable<DatasetRecord> Featurizable(IEnumerable<DatasetRecord> rows) =>
        rows.Where(r => Featurizer.Admits(r.Descriptors()));

    private ActiveBenchPoint Score(string design, long seed, IReadOnlyList<DatasetRecord> rows, IReadOnlyList<DatasetRecord> test)
    {
        var clock = Stopwatch.StartNew();
        var options = new WorkflowOptions { Models = [ModelKind.GradientBoosting], Threads = Environment.ProcessorCount };
        var model = DatasetTraining.Run(rows, [.. settings.Targets], options, version: 1, DateTimeOffset.UnixEpoch).Artifact;
        var predictions = model.Predict([.. test.Select(r => r.Descriptors())]);
        var r2 = new Dictionary<string, double>(StringComparer.Ordinal);
        var rmse = new Dictionary<string, double>(StringComparer.Ordinal);
        int testRows = int.MaxValue;
        foreach (var target in settings.Targets)
        {
            var column = DatasetColumns.All.Single(c => c.Column == target);
            var pairs = test.Select((r, i) => (Actual: column.Get(r), Predicted: predictions[i].Properties[target]))
                .Where(p => double.IsFinite(p.Actual) && double.IsFinite(p.Predicted)).ToArray();
            double[] actual = [.. pairs.Select(p => p.Actual)], predicted = [.. pairs.Select(p => p.Predicted)];
            r2[target] = RegressionScores.R2(actual, predicted);
            rmse[target] = Math.Sqrt(pairs.Average(p => (p.Actual - p.Predicted) * (p.Actual - p.Predicted)));
            testRows = Math.Min(testRows, pairs.Length);
        }

        TrainingTime += clock.Elapsed;
        report?.Invoke($"{design} seed {seed} at {rows.Count}: τ R² {string.Join(" / ", settings.Targets.Where(t => t.StartsWith("tau", StringComparison.Ordinal)).Select(t => r2[t].ToString("F3", System.Globalization.CultureInfo.InvariantCulture)))}");
        return new ActiveBenchPoint(design, seed, rows.Count, r2, rmse, testRows);
    }

    /// <summary>Generates, solves and describes each spec (both cores, one structure each), in the specs' order; a spec seen before is not simulated again.</summary>
    private List<DatasetRecord> Simulate(IReadOnlyList<StructureSpec> specs, CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        Parallel.ForEach(specs.Where(s => !_simulated.ContainsKey(s.Id)),
            new ParallelOptions { MaxDegreeOfParallelism = Environment.ProcessorCount, CancellationToken = cancellationToken },
            spec => _simulated[spec.Id] = SimulateOne(spec));
        SimulationTime += clock.Elapsed;
        return [.. specs.Select(s => _simulated[s.Id])];
    }

    private static DatasetRecord SimulateOne(StructureSpec spec)
    {
        var structure = StructureGenerator.Generate(spec);
        var properties = EffectivePropertiesCalculator.Calculate(structure.Grid);
        var descriptors = DescriptorCalculator.Calculate(structure.Grid, structure.Particles, spec).ToVector();
        var record = new DatasetRecord { Id = spec.Id };
        foreach (var descriptor in Descriptors.All)
        {
            record[descriptor.Id] = descriptors[descriptor.Index];
        }

        double[] values = [properties.TauX, properties.TauY, properties.TauZ, properties.SigmaX, properties.SigmaY, properties.SigmaZ, properties.A01, properties.A02, properties.A12];
        foreach (var property in Contracts.Vocabulary.EffectiveProperties.All)
        {
            record[property.Id] = values[(int)property.Id];
        }

        return record;
    }
}

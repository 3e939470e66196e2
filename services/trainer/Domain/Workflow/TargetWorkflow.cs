using System.Diagnostics;
using MesoStream.Contracts.Models;
using MesoStream.Modelling.Serving;
using MesoStream.Trainer.Data;
using MesoStream.Trainer.Features;
using MesoStream.Trainer.Metrics;
using MesoStream.Trainer.Models;
using MesoStream.Trainer.Tuning;

namespace MesoStream.Trainer.Workflow;

/// <summary>
/// Steps 4–6 of the paper for one target over an already featurized table (e.g. the 4950 columns of
/// <c>Featurizer</c>): drop rows with a non-finite target → outlier cut on the target (<see cref="OutlierCut"/>) →
/// seeded 80:20 split → Pearson filter on the training rows only (<see cref="CorrelationFilter"/>) → per model, the
/// target transform and hyper-parameters chosen by inner stratified k-fold cross-validation on the training rows
/// (<see cref="InnerCrossValidation"/>, <see cref="ModelGrid"/>) → the served model is the best inner-CV R², so the test
/// rows pick nothing → each model refitted on every training row and scored once on the test rows
/// (<see cref="RegressionMetrics"/>, raw scale, plus R² of ln y) → the served model's split-conformal interval from its
/// out-of-fold residuals, its coverage measured on the test rows. With <see cref="WorkflowOptions.CrossValidationFolds"/>
/// ≥ 2 each model (chosen settings) is also scored by repeated stratified k-fold (<see cref="CrossValidation"/>).
/// </summary>
public static class TargetWorkflow
{
    public static WorkflowResult Run(double[][] features, IReadOnlyList<string> featureNames, double[] target, WorkflowOptions options) =>
        Train(features, featureNames, target, options).Result;

    /// <summary>As <see cref="Run"/>, keeping the fitted models and their test-set predictions (for serving and plots).</summary>
    public static TargetTraining Train(double[][] features, IReadOnlyList<string> featureNames, double[] target, WorkflowOptions options)
    {
        if (features.Length != target.Length)
        {
            throw new ArgumentException($"{features.Length} rows but {target.Length} targets", nameof(target));
        }

        if (Rows.FeatureCount(features) != featureNames.Count)
        {
            throw new ArgumentException($"{featureNames.Count} names for {features[0].Length} features", nameof(featureNames));
        }

        var finite = Enumerable.Range(0, target.Length).Where(i => double.IsFinite(target[i])).ToArray();
        var finiteTarget = Rows.Select(target, finite);
        var kept = OutlierCut.KeptRows(finiteTarget).Select(k => finite[k]).ToArray();

        var split = TrainTestSplit.Create(kept.Length, options.Seed, options.TestFraction);
        var trainIndex = split.TrainRows.Select(k => kept[k]).ToArray();
        var testIndex = split.TestRows.Select(k => kept[k]).ToArray();

        var clock = Stopwatch.StartNew();
        var selected = SelectFeatures(features, trainIndex, featureNames.Count, options);
        double filterSeconds = clock.Elapsed.TotalSeconds;

        var train = Rows.Select(features, trainIndex, selected);
        var test = Rows.Select(features, testIndex, selected);
        var trainTarget = Rows.Select(target, trainIndex);
        var testTarget = Rows.Select(target, testIndex);

        var (tuned, transformScores) = Tune(train, trainTarget, options);
        var chosen = options.Models.ToDictionary(kind => kind, kind => tuned.Where(t => t.Candidate.Kind == kind).MaxBy(t => t.MeanR2)!);
        // Ties go to the earlier model in the paper's order (options.Models order).
        var served = options.Models.Aggregate((a, b) => chosen[b].MeanR2 > chosen[a].MeanR2 ? b : a);

        var results = new List<ModelResult>();
        var fitted = new List<FittedModel>();
        IReadOnlyList<FeatureImportance> importances = [];
        double[] servedTestTransformed = [];
        foreach (var kind in options.Models)
        {
            var settings = chosen[kind];
            var transform = settings.Candidate.Transform;
            var model = settings.Create();
            clock.Restart();
            model.Fit(train, transform.Forward(trainTarget));
            double seconds = clock.Elapsed.TotalSeconds;
            var testTransformed = model.Predict(test);
            var testPredicted = transform.Inverse(testTransformed);
            var metrics = RegressionScores.Metrics(trainTarget, transform.Inverse(model.Predict(train)), testTarget, testPredicted);
            results.Add(new ModelResult(kind, model.Name, metrics, seconds)
            {
                Settings = settings.Settings,
                SelectionR2 = settings.MeanR2,
                SelectionR2Sd = settings.StdR2,
                TestR2Log = RegressionScores.R2Log(testTarget, testPredicted),
            });
            fitted.Add(new FittedModel(kind, model, testPredicted) { Transform = transform });
            if (kind == served)
            {
                servedTestTransformed = testTransformed;
            }

            if (model is GradientBoosting boosted)
            {
                importances = TopImportances(boosted.FeatureImportances(), selected, featureNames, options.TopImportanceCount);
            }
        }

        var servedSettings = chosen[served];
        var servedTransform = servedSettings.Candidate.Transform;
        var calibrationTruth = servedTransform.Forward(TuningTargets(trainTarget, options));
        var interval = SplitConformal.Calibrate(calibrationTruth, servedSettings.OutOfFold, options.IntervalLevel);
        var coverage = new IntervalCoverage(interval.Level, interval.HalfWidth, servedTransform,
            SplitConformal.Coverage(interval, servedTransform, testTarget, servedTestTransformed), testTarget.Length);

        var crossValidation = options.CrossValidationFolds >= 2
            ? CrossValidation.Score(features, target, kept, featureNames.Count, options, kind => chosen[kind])
            : null;
        var learningCurve = options.LearningCurveSeeds > 0
            ? LearningCurve.Measure(features, target, kept, selected, servedSettings, options)
            : null;

        var result = new WorkflowResult(
            target.Length,
            target.Length - finite.Length,
            finite.Length - kept.Length,
            trainIndex.Length,
            testIndex.Length,
            [.. selected.Select(j => featureNames[j])],
            filterSeconds,
            results,
            importances)
        {
            CrossValidation = crossValidation,
            Served = served,
            TransformSelection = transformScores,
            Coverage = coverage,
            LearningCurve = learningCurve,
        };
        return new TargetTraining(result, selected, testTarget, fitted) { Interval = interval, TrainRows = trainIndex, TestRows = testIndex };
    }

    /// <summary>
    /// The inner stratified k-fold on the training rows (at most <see cref="WorkflowOptions.TuningRows"/> of them), in
    /// two rounds to bound its cost: the target space is chosen first, by the first (default) setting of the most
    /// flexible model requested (gradient boosting when present) in every admissible transform; then every candidate
    /// of every model is scored in the chosen space. Returns all scored candidates and the first round's R² per
    /// transform.
    /// </summary>
    internal static (IReadOnlyList<TunedCandidate> Tuned, Dictionary<TargetTransform, double> TransformScores) Tune(double[][] train, double[] trainTarget, WorkflowOptions options)
    {
        var rows = TuningSubset(trainTarget.Length, options);
        var tuningRows = Rows.Select(train, rows);
        var tuningTarget = Rows.Select(trainTarget, rows);
        int folds = Math.Min(options.InnerFolds, tuningTarget.Length);
        var fold = StratifiedFolds.Assign(tuningTarget, folds, options.Seed);
        var probeKind = options.Models.Max();
        var probes = Enum.GetValues<TargetTransform>().Where(t => t.Admits(tuningTarget))
            .Select(t => ModelGrid.For(probeKind, t, options.Seed).First()).ToList();
        var probed = InnerCrossValidation.Score(tuningRows, tuningTarget, fold, folds, probes, options.Threads);
        var chosen = probed.MaxBy(p => p.MeanR2)!;
        var transform = chosen.Candidate.Transform;
        var rest = options.Models.SelectMany(kind => ModelGrid.For(kind, transform, options.Seed).Skip(kind == probeKind ? 1 : 0)).ToList();
        var tuned = InnerCrossValidation.Score(tuningRows, tuningTarget, fold, folds, rest, options.Threads);
        return ([chosen, .. tuned], probed.ToDictionary(p => p.Candidate.Transform, p => p.MeanR2));
    }

    /// <summary>The training targets of the rows the inner cross-validation used (the conformal calibration rows).</summary>
    private static double[] TuningTargets(double[] trainTarget, WorkflowOptions options) =>
        Rows.Select(trainTarget, TuningSubset(trainTarget.Length, options));

    /// <summary>All training rows, or a seeded random <see cref="WorkflowOptions.TuningRows"/> of them (ascending).</summary>
    private static int[] TuningSubset(int trainRows, WorkflowOptions options)
    {
        var all = Enumerable.Range(0, trainRows).ToArray();
        if (trainRows <= options.TuningRows)
        {
            return all;
        }

        new Random(options.Seed).Shuffle(all);
        var subset = all[..options.TuningRows];
        Array.Sort(subset);
        return subset;
    }

    /// <summary>The Pearson filter on the given training rows only, over every column.</summary>
    internal static int[] SelectFeatures(double[][] features, int[] trainIndex, int featureCount, WorkflowOptions options) =>
        CorrelationFilter.Select(Rows.Select(features, trainIndex, Enumerable.Range(0, featureCount).ToArray()), options.CorrelationThreshold);

    /// <summary>
    /// The largest weights as shares of their total, descending (ties by feature order), with the readable names
    /// (paper Fig. 13 shows relative importances).
    /// </summary>
    private static FeatureImportance[] TopImportances(double[] weights, int[] selected, IReadOnlyList<string> names, int count)
    {
        double total = weights.Where(w => w > 0).Sum();
        return [.. weights.Select((w, j) => (w, j))
            .Where(t => t.w > 0)
            .OrderByDescending(t => t.w).ThenBy(t => t.j)
            .Take(count)
            .Select(t => new FeatureImportance(names[selected[t.j]], t.w / total))];
    }
}

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
        var rows = PrepareRows(features, featureNames, target, options);
        var clock = Stopwatch.StartNew();
        var selected = SelectFeatures(features, rows.Train, featureNames.Count, options);
        double filterSeconds = clock.Elapsed.TotalSeconds;
        var data = SplitData.Of(features, target, rows, selected);

        var tuning = TuningSet.Of(data, options);
        var (tuned, transformScores) = Tune(tuning, options);
        var chosen = options.Models.ToDictionary(kind => kind, kind => tuned.Where(t => t.Candidate.Kind == kind).MaxBy(t => t.MeanR2)!);
        // Ties go to the earlier model in the paper's order (options.Models order).
        var served = options.Models.Aggregate((a, b) => chosen[b].MeanR2 > chosen[a].MeanR2 ? b : a);

        var fits = options.Models.Select(kind => FitAndScore(chosen[kind], data)).ToList();
        var calibrated = Calibrate(chosen[served], fits.Single(f => f.Fitted.Kind == served), tuning, data.TestTarget, options);

        var crossValidation = options.CrossValidationFolds >= 2
            ? CrossValidation.Score(features, target, rows.Kept, featureNames.Count, options, kind => chosen[kind])
            : null;
        var learningCurve = options.LearningCurveSeeds > 0
            ? LearningCurve.Measure(features, target, rows.Kept, selected, chosen[served], options)
            : null;

        var result = Report(rows, selected, featureNames, filterSeconds, fits, options) with
        {
            CrossValidation = crossValidation,
            Served = served,
            TransformSelection = transformScores,
            Coverage = calibrated.Coverage,
            LearningCurve = learningCurve,
        };
        return new TargetTraining(result, selected, data.TestTarget, [.. fits.Select(f => f.Fitted)]) { Interval = calibrated.Interval, TrainRows = rows.Train, TestRows = rows.Test };
    }

    /// <summary>
    /// Refits an earlier comparison's choice on the current rows without comparing anything: the same row preparation
    /// and 80:20 split as <see cref="Train"/>, the choice's feature columns (no filter), and one inner k-fold of the
    /// chosen model alone on the training rows — which re-chooses the tree count of boosting by early stopping and gives
    /// the out-of-fold residuals of a fresh conformal interval — then the fit on every training row, scored once on the
    /// test rows. The choice was made on an earlier, smaller dataset whose training rows may include some of today's
    /// test rows (the split is re-drawn as rows arrive): a few discrete settings chosen that way are a small optimism,
    /// which a full comparison removes.
    /// </summary>
    public static TargetTraining Refit(double[][] features, IReadOnlyList<string> featureNames, double[] target, ServedChoice choice, WorkflowOptions options)
    {
        var rows = PrepareRows(features, featureNames, target, options);
        var data = SplitData.Of(features, target, rows, choice.Columns);
        var tuning = TuningSet.Of(data, options);
        var tuned = tuning.Score([choice.Candidate], options.Threads).Single();
        var fit = FitAndScore(tuned, data);
        var calibrated = Calibrate(tuned, fit, tuning, data.TestTarget, options);
        var result = Report(rows, choice.Columns, featureNames, 0, [fit], options) with
        {
            Served = fit.Fitted.Kind,
            Coverage = calibrated.Coverage,
            ChoicesFrom = choice.From,
        };
        return new TargetTraining(result, choice.Columns, data.TestTarget, [fit.Fitted]) { Interval = calibrated.Interval, TrainRows = rows.Train, TestRows = rows.Test };
    }

    /// <summary>The rows of one target's run: finite targets → outlier cut → seeded 80:20 split (indices into the table).</summary>
    private sealed record TargetRows(int Input, int Finite, int[] Kept, int[] Train, int[] Test);

    /// <summary>The selected columns of the training and test rows, and their targets.</summary>
    private sealed record SplitData(double[][] Train, double[] TrainTarget, double[][] Test, double[] TestTarget)
    {
        public static SplitData Of(double[][] features, double[] target, TargetRows rows, int[] columns) => new(
            Rows.Select(features, rows.Train, columns), Rows.Select(target, rows.Train),
            Rows.Select(features, rows.Test, columns), Rows.Select(target, rows.Test));
    }

    /// <summary>
    /// The rows the inner stratified k-fold runs on: all training rows, or a seeded random
    /// <see cref="WorkflowOptions.TuningRows"/> of them (ascending), with their fold of each row. Its out-of-fold
    /// predictions are also the conformal calibration residuals, so <see cref="Target"/> is the calibration truth.
    /// </summary>
    private sealed record TuningSet(double[][] Rows, double[] Target, int[] Fold, int Folds)
    {
        public static TuningSet Of(SplitData data, WorkflowOptions options)
        {
            var subset = Enumerable.Range(0, data.TrainTarget.Length).ToArray();
            if (subset.Length > options.TuningRows)
            {
                new Random(options.Seed).Shuffle(subset);
                subset = subset[..options.TuningRows];
                Array.Sort(subset);
            }

            var target = Data.Rows.Select(data.TrainTarget, subset);
            int folds = Math.Min(options.InnerFolds, target.Length);
            return new TuningSet(Data.Rows.Select(data.Train, subset), target, StratifiedFolds.Assign(target, folds, options.Seed), folds);
        }

        public IReadOnlyList<TunedCandidate> Score(IReadOnlyList<ModelCandidate> candidates, int threads) =>
            InnerCrossValidation.Score(Rows, Target, Fold, Folds, candidates, threads);
    }

    /// <summary>A model fitted with its settings on every training row, its report row and its test predictions (transformed space).</summary>
    private sealed record ModelFit(ModelResult Result, FittedModel Fitted, double[] TestTransformed);

    private static TargetRows PrepareRows(double[][] features, IReadOnlyList<string> featureNames, double[] target, WorkflowOptions options)
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
        var kept = OutlierCut.KeptRows(Rows.Select(target, finite)).Select(k => finite[k]).ToArray();
        var split = TrainTestSplit.Create(kept.Length, options.Seed, options.TestFraction);
        return new TargetRows(target.Length, finite.Length, kept, [.. split.TrainRows.Select(k => kept[k])], [.. split.TestRows.Select(k => kept[k])]);
    }

    private static ModelFit FitAndScore(TunedCandidate settings, SplitData data)
    {
        var transform = settings.Candidate.Transform;
        var model = settings.Create();
        var clock = Stopwatch.StartNew();
        model.Fit(data.Train, transform.Forward(data.TrainTarget));
        double seconds = clock.Elapsed.TotalSeconds;
        var testTransformed = model.Predict(data.Test);
        var testPredicted = transform.Inverse(testTransformed);
        var metrics = RegressionScores.Metrics(data.TrainTarget, transform.Inverse(model.Predict(data.Train)), data.TestTarget, testPredicted);
        var result = new ModelResult(settings.Candidate.Kind, model.Name, metrics, seconds)
        {
            Settings = settings.Settings,
            SelectionR2 = settings.MeanR2,
            SelectionR2Sd = settings.StdR2,
            TestR2Log = RegressionScores.R2Log(data.TestTarget, testPredicted),
        };
        return new ModelFit(result, new FittedModel(settings.Candidate.Kind, model, testPredicted) { Transform = transform }, testTransformed);
    }

    /// <summary>
    /// The served model's split-conformal interval from its out-of-fold residuals, and its coverage of the test rows.
    /// Residuals are measured in ln space whenever the target is positive (a relative band: τ's scatter grows with τ)
    /// and that gives a finite half-width, else raw, whatever space the model itself learned in.
    /// </summary>
    private static (ConformalInterval Interval, IntervalCoverage Coverage) Calibrate(TunedCandidate served, ModelFit fit, TuningSet tuning, double[] testTarget, WorkflowOptions options)
    {
        var transform = served.Candidate.Transform;
        var truth = tuning.Target;
        var predicted = transform.Inverse(served.OutOfFold);
        var interval = SplitConformal.Calibrate(truth, predicted, options.IntervalLevel);
        if (TargetTransform.Log.Admits(truth))
        {
            // A raw-space model may predict ≤ 0 for a positive target: no ln, so an infinite residual — a miss, as serving
            // answers such a prediction with the point interval [0, 0]. When misses exceed the 1 − level share the ln
            // half-width is infinite, and the raw one stands.
            double[] inLog = [.. predicted.Select(p => p > 0 ? Math.Log(p) : double.NegativeInfinity)];
            var relative = SplitConformal.Calibrate(TargetTransform.Log.Forward(truth), inLog, options.IntervalLevel) with { Space = TargetTransform.Log };
            interval = double.IsFinite(relative.HalfWidth) ? relative : interval;
        }

        var coverage = new IntervalCoverage(interval.Level, interval.HalfWidth, interval.Space,
            SplitConformal.Coverage(interval, transform, testTarget, fit.TestTransformed), testTarget.Length);
        return (interval, coverage);
    }

    private static WorkflowResult Report(TargetRows rows, int[] selected, IReadOnlyList<string> featureNames, double filterSeconds, IReadOnlyList<ModelFit> fits, WorkflowOptions options)
    {
        var boosted = fits.Select(f => f.Fitted.Model).OfType<GradientBoosting>().FirstOrDefault();
        return new WorkflowResult(
            rows.Input,
            rows.Input - rows.Finite,
            rows.Finite - rows.Kept.Length,
            rows.Train.Length,
            rows.Test.Length,
            [.. selected.Select(j => featureNames[j])],
            filterSeconds,
            [.. fits.Select(f => f.Result)],
            boosted is null ? [] : TopImportances(boosted.FeatureImportances(), selected, featureNames, options.TopImportanceCount));
    }

    /// <summary>
    /// The inner stratified k-fold on the tuning rows (<see cref="TuningSet"/>), in two rounds to bound its cost: the
    /// target space is chosen first, by the first (default) setting of the most flexible model requested (gradient
    /// boosting when present) in every admissible transform; then every candidate of every model is scored in the
    /// chosen space. Returns all scored candidates and the first round's R² per transform.
    /// </summary>
    private static (IReadOnlyList<TunedCandidate> Tuned, Dictionary<TargetTransform, double> TransformScores) Tune(TuningSet tuning, WorkflowOptions options)
    {
        var probeKind = options.Models.Max();
        var probes = Enum.GetValues<TargetTransform>().Where(t => t.Admits(tuning.Target))
            .Select(t => ModelGrid.For(probeKind, t, options.Seed).First()).ToList();
        var probed = tuning.Score(probes, options.Threads);
        var chosen = probed.MaxBy(p => p.MeanR2)!;
        var transform = chosen.Candidate.Transform;
        var rest = options.Models.SelectMany(kind => ModelGrid.For(kind, transform, options.Seed).Skip(kind == probeKind ? 1 : 0)).ToList();
        var tuned = tuning.Score(rest, options.Threads);
        return ([chosen, .. tuned], probed.ToDictionary(p => p.Candidate.Transform, p => p.MeanR2));
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

using MesoStream.Contracts.Models;
using System.Diagnostics;
using MesoStream.Trainer.Data;
using MesoStream.Trainer.Features;
using MesoStream.Trainer.Metrics;
using MesoStream.Trainer.Models;

namespace MesoStream.Trainer.Workflow;

/// <summary>
/// Steps 4–6 of the paper for one target over an already featurized table (e.g. the 4950 columns of
/// <c>Featurizer</c>): drop rows with a non-finite target → outlier cut on the target (<see cref="OutlierCut"/>) →
/// seeded 80:20 split → Pearson filter on the training rows only (<see cref="CorrelationFilter"/>) → fit each model on
/// the surviving features of the training rows → metrics on train and test (<see cref="RegressionMetrics"/>).
/// With <see cref="WorkflowOptions.CrossValidationFolds"/> ≥ 2 each model is also scored by k-fold cross-validation
/// over the same kept rows (<see cref="CrossValidation"/>).
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

        var results = new List<ModelResult>();
        var fitted = new List<FittedModel>();
        IReadOnlyList<FeatureImportance> importances = [];
        foreach (var kind in options.Models)
        {
            var model = ModelCatalog.Create(kind, options.Seed, options.Threads);
            clock.Restart();
            model.Fit(train, trainTarget);
            double seconds = clock.Elapsed.TotalSeconds;
            var testPredicted = model.Predict(test);
            var metrics = RegressionScores.Metrics(trainTarget, model.Predict(train), testTarget, testPredicted);
            results.Add(new ModelResult(kind, model.Name, metrics, seconds));
            fitted.Add(new FittedModel(kind, model, testPredicted));
            if (model is GradientBoosting boosted)
            {
                importances = TopImportances(boosted.FeatureImportances(), selected, featureNames, options.TopImportanceCount);
            }
        }

        var crossValidation = options.CrossValidationFolds >= 2
            ? CrossValidation.Score(features, target, kept, featureNames.Count, options)
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
        };
        return new TargetTraining(result, selected, testTarget, fitted);
    }

    /// <summary>The Pearson filter on the given training rows only, over every column.</summary>
    internal static int[] SelectFeatures(double[][] features, int[] trainIndex, int featureCount, WorkflowOptions options) =>
        CorrelationFilter.Select(Rows.Select(features, trainIndex, Enumerable.Range(0, featureCount).ToArray()), options.CorrelationThreshold);

    /// <summary>The largest weights, descending (ties by feature order), with the readable names (paper Fig. 13).</summary>
    private static FeatureImportance[] TopImportances(double[] weights, int[] selected, IReadOnlyList<string> names, int count) =>
        [.. weights.Select((w, j) => (w, j))
            .Where(t => t.w > 0)
            .OrderByDescending(t => t.w).ThenBy(t => t.j)
            .Take(count)
            .Select(t => new FeatureImportance(names[selected[t.j]], t.w))];
}

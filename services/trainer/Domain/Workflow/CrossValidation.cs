using MesoStream.Contracts.Models;
using MesoStream.Trainer.Data;
using MesoStream.Trainer.Metrics;

namespace MesoStream.Trainer.Workflow;

/// <summary>
/// k-fold cross-validation over the rows the workflow kept (finite target, inside the outlier cut): the rows are
/// shuffled once with the workflow's seed and dealt into k folds; for each fold the correlation filter runs on the
/// other k − 1 folds only, every model is fitted there and scored on the held-out fold. It estimates how much the
/// single 80:20 split's R² depends on which rows happened to be tested.
/// </summary>
public static class CrossValidation
{
    public static IReadOnlyList<CrossValidationScore> Score(double[][] features, double[] target, int[] keptRows, int featureCount, WorkflowOptions options)
    {
        int k = options.CrossValidationFolds;
        if (k < 2 || k > keptRows.Length)
        {
            throw new ArgumentOutOfRangeException(nameof(options), k, $"cross-validation folds must lie in [2, {keptRows.Length}] (the kept rows)");
        }

        var order = (int[])keptRows.Clone();
        var random = new Random(options.Seed);
        random.Shuffle(order);

        var perModel = options.Models.ToDictionary(m => m, _ => new List<double>());
        for (int fold = 0; fold < k; fold++)
        {
            var testIndex = order.Where((_, i) => i % k == fold).Order().ToArray();
            var trainIndex = order.Where((_, i) => i % k != fold).Order().ToArray();
            var selected = TargetWorkflow.SelectFeatures(features, trainIndex, featureCount, options);
            var train = Rows.Select(features, trainIndex, selected);
            var test = Rows.Select(features, testIndex, selected);
            var trainTarget = Rows.Select(target, trainIndex);
            var testTarget = Rows.Select(target, testIndex);
            foreach (var kind in options.Models)
            {
                var model = ModelCatalog.Create(kind, options.Seed, options.Threads);
                model.Fit(train, trainTarget);
                perModel[kind].Add(RegressionScores.R2(testTarget, model.Predict(test)));
            }
        }

        return [.. options.Models.Select(kind =>
        {
            var scores = perModel[kind];
            double mean = scores.Average();
            double std = Math.Sqrt(scores.Average(s => (s - mean) * (s - mean)));
            return new CrossValidationScore(kind, mean, std, scores);
        })];
    }
}

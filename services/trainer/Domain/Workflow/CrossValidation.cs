using MesoStream.Contracts.Models;
using MesoStream.Modelling.Serving;
using MesoStream.Trainer.Data;
using MesoStream.Trainer.Metrics;
using MesoStream.Trainer.Tuning;

namespace MesoStream.Trainer.Workflow;

/// <summary>
/// Repeated, target-stratified k-fold evaluation over the rows the workflow kept (finite target, inside the outlier
/// cut): each repeat deals the rows into k folds stratified by target quantile (<see cref="StratifiedFolds"/>, its own
/// seed); for each fold the correlation filter runs on the other k − 1 folds only, each model is fitted there with the
/// settings chosen for it (transform, hyper-parameters) and scored by raw-scale R² (Eq. 10) on the held-out fold. The
/// mean ± sd over the k × repeats folds says how much one 80:20 split's R² depends on which rows happened to be tested.
/// (The settings themselves were chosen on the main split's training rows, which overlap these folds: a small optimism.)
/// </summary>
public static class CrossValidation
{
    public static IReadOnlyList<CrossValidationScore> Score(
        double[][] features, double[] target, int[] keptRows, int featureCount, WorkflowOptions options, Func<ModelKind, TunedCandidate> settings)
    {
        int k = options.CrossValidationFolds;
        if (k < 2 || k > keptRows.Length)
        {
            throw new ArgumentOutOfRangeException(nameof(options), k, $"cross-validation folds must lie in [2, {keptRows.Length}] (the kept rows)");
        }

        var keptTarget = Rows.Select(target, keptRows);
        var perModel = options.Models.ToDictionary(m => m, _ => new List<double>());
        for (int repeat = 0; repeat < Math.Max(1, options.CrossValidationRepeats); repeat++)
        {
            var fold = StratifiedFolds.Assign(keptTarget, k, options.Seed + repeat);
            for (int held = 0; held < k; held++)
            {
                var (trainLocal, testLocal) = StratifiedFolds.Split(fold, held);
                var trainIndex = trainLocal.Select(i => keptRows[i]).ToArray();
                var testIndex = testLocal.Select(i => keptRows[i]).ToArray();
                var selected = TargetWorkflow.SelectFeatures(features, trainIndex, featureCount, options);
                var train = Rows.Select(features, trainIndex, selected);
                var test = Rows.Select(features, testIndex, selected);
                var trainTarget = Rows.Select(target, trainIndex);
                var testTarget = Rows.Select(target, testIndex);
                foreach (var kind in options.Models)
                {
                    perModel[kind].Add(settings(kind).FitAndScore(train, trainTarget, test, testTarget));
                }
            }
        }

        return [.. options.Models.Select(kind =>
        {
            var (mean, sd) = Spread.Of(perModel[kind]);
            return new CrossValidationScore(kind, mean, sd, perModel[kind]);
        })];
    }
}

using MesoStream.Modelling.Serving;
using MesoStream.Trainer.Data;
using MesoStream.Trainer.Metrics;
using MesoStream.Trainer.Models;

namespace MesoStream.Trainer.Tuning;

/// <summary>
/// Scores hyper-parameter candidates by k-fold cross-validation on the training rows only (the test rows are never
/// seen): each candidate is fitted on k − 1 folds in its target space and predicts the held-out fold; the prediction
/// is back-transformed and scored by R² on the raw scale (Eq. 10), the scale the paper reports. Gradient boosting is
/// fitted once per fold with <see cref="ModelCandidate.MaxTrees"/> trees and early-stopped: the tree count with the
/// best mean held-out R² is kept. The (candidate, fold) fits run <c>threads</c> at a time.
/// </summary>
public static class InnerCrossValidation
{
    public static IReadOnlyList<TunedCandidate> Score(double[][] rows, double[] target, int[] fold, int folds, IReadOnlyList<ModelCandidate> candidates, int threads)
    {
        var jobs = candidates.SelectMany((_, c) => Enumerable.Range(0, folds).Select(f => (c, f))).ToArray();
        // Per candidate and fold: the held-out rows' predictions in the transformed space, one array per stage
        // (boosting: per tree count; others: one stage).
        var staged = new double[candidates.Count][][][];
        for (int c = 0; c < candidates.Count; c++)
        {
            staged[c] = new double[folds][][];
        }

        var splits = Enumerable.Range(0, folds).Select(f => StratifiedFolds.Split(fold, f)).ToArray();
        // Longest jobs first so the last core is not left with a boosted fit alone.
        var ordered = jobs.OrderByDescending(j => candidates[j.c].EarlyStopped).ToArray();
        Parallel.ForEach(ordered, new ParallelOptions { MaxDegreeOfParallelism = Math.Max(1, threads) }, job =>
        {
            var candidate = candidates[job.c];
            var (trainRows, testRows) = splits[job.f];
            var model = candidate.Create(candidate.MaxTrees);
            model.Fit(Rows.Select(rows, trainRows), candidate.Transform.Forward(Rows.Select(target, trainRows)));
            var held = Rows.Select(rows, testRows);
            // A fold too small for FastTree to split yields no trees: its one stage is the bias alone.
            staged[job.c][job.f] = model is GradientBoosting boosted && candidate.EarlyStopped && boosted.StagedPredictions(held) is { Length: > 0 } stages
                ? stages
                : [model.Predict(held)];
        });

        return [.. candidates.Select((candidate, c) => Choose(candidate, staged[c], splits, target))];
    }

    /// <summary>The stage (tree count) with the best mean raw-scale R² over the folds, and its out-of-fold predictions.</summary>
    private static TunedCandidate Choose(ModelCandidate candidate, double[][][] perFold, (int[] Train, int[] Test)[] splits, double[] target)
    {
        int stages = perFold.Min(f => f.Length);
        var truth = splits.Select(s => Rows.Select(target, s.Test)).ToArray();
        double[] Scores(int stage) => [.. perFold.Select((f, k) => RegressionScores.R2(truth[k], candidate.Transform.Inverse(f[stage])))];

        // Stage 0 stands unless a later one is strictly better: of equal scores the smaller ensemble wins, and a NaN
        // mean (a held-out fold of a tiny dataset whose targets are all equal has no R²) never wins.
        int best = 0;
        var bestScores = Scores(0);
        double bestMean = bestScores.Average();
        for (int stage = 1; stage < stages; stage++)
        {
            var scores = Scores(stage);
            double mean = scores.Average();
            if (mean > bestMean || (double.IsNaN(bestMean) && !double.IsNaN(mean)))
            {
                (best, bestMean, bestScores) = (stage, mean, scores);
            }
        }

        var outOfFold = new double[target.Length];
        for (int k = 0; k < splits.Length; k++)
        {
            var predicted = perFold[k][best];
            for (int i = 0; i < splits[k].Test.Length; i++)
            {
                outOfFold[splits[k].Test[i]] = predicted[i];
            }
        }

        return new TunedCandidate(candidate, candidate.EarlyStopped ? best + 1 : 0, bestScores, outOfFold);
    }
}

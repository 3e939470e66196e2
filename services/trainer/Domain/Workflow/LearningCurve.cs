using MesoStream.Contracts.Models;
using MesoStream.Modelling.Serving;
using MesoStream.Trainer.Data;
using MesoStream.Trainer.Metrics;
using MesoStream.Trainer.Tuning;

namespace MesoStream.Trainer.Workflow;

/// <summary>
/// Test R² of the served model (its chosen settings) against the share of the kept rows used: for each fraction and
/// seed, a seeded random subset of that size is split 80:20 and the model is fitted on its training part and scored on
/// its test part (raw scale, Eq. 10). A curve still rising at 100 % says more structures would help; a flat one that the
/// model (or the noise of the data) is the limit. The feature set is the main run's filter output (the filter is
/// label-free, so this leaks no target information).
/// </summary>
public static class LearningCurve
{
    public static readonly double[] Fractions = [0.1, 0.2, 0.4, 0.7, 1.0];

    /// <summary>Fewer training rows than this give no meaningful fit; such points are left out.</summary>
    public const int MinimumRows = 20;

    public static IReadOnlyList<LearningCurvePoint> Measure(double[][] features, double[] target, int[] keptRows, int[] selected, TunedCandidate served, WorkflowOptions options)
    {
        var points = new List<LearningCurvePoint>();
        foreach (var fraction in Fractions)
        {
            int size = (int)Math.Round(keptRows.Length * fraction);
            if (size < MinimumRows)
            {
                continue;
            }

            var scores = new double[options.LearningCurveSeeds];
            for (int s = 0; s < scores.Length; s++)
            {
                int seed = options.Seed + 1000 + s;
                var subset = (int[])keptRows.Clone();
                new Random(seed).Shuffle(subset);
                subset = subset[..size];
                var split = TrainTestSplit.Create(size, seed, options.TestFraction);
                var trainIndex = split.TrainRows.Select(i => subset[i]).ToArray();
                var testIndex = split.TestRows.Select(i => subset[i]).ToArray();
                scores[s] = served.FitAndScore(Rows.Select(features, trainIndex, selected), Rows.Select(target, trainIndex),
                    Rows.Select(features, testIndex, selected), Rows.Select(target, testIndex));
            }

            var (mean, sd) = Spread.Of(scores);
            points.Add(new LearningCurvePoint(fraction, size, mean, sd, scores));
        }

        return points;
    }
}

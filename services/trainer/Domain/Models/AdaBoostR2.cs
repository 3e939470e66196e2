using MesoStream.Contracts.Models;
using MesoStream.Modelling.Serving;

namespace MesoStream.Trainer.Models;

/// <summary>
/// AdaBoost.R2 (Drucker 1997, "Improving regressors using boosting techniques") over <see cref="DecisionTreeRegressor"/>s
/// with the linear loss. Round t: draw n rows with replacement with probabilities D_t (seeded; the tree sees the
/// multiplicities as weights), fit a tree, L_i = |ŷ_i − y_i| / max_k |ŷ_k − y_k| over all training rows,
/// L̄ = Σ D_i L_i; stop if L̄ ≥ ½ (keeping that tree only if it is the first); β = L̄/(1 − L̄),
/// D_i ← D_i·β^(1 − L_i) normalised; the tree's weight is ln(1/β). A perfect fit (L̄ = 0) ends boosting with that tree.
/// Prediction is the weighted median of the trees' predictions (the smallest prediction whose cumulative weight
/// reaches half the total).
/// Defaults: 50 rounds, trees of depth 8 and minLeaf 5, seed 42.
/// </summary>
public sealed class AdaBoostR2(int rounds = 50, int maxDepth = 8, int minLeaf = 5, int seed = 42) : IRegressionModel
{
    private readonly List<(DecisionTreeRegressor Tree, double Weight)> _ensemble = [];

    public string Name => "adaboost-r2";

    public int TreeCount => _ensemble.Count;

    public void Fit(double[][] rows, double[] target)
    {
        if (rows.Length != target.Length)
        {
            throw new ArgumentException($"{rows.Length} rows but {target.Length} targets", nameof(target));
        }

        if (_ensemble.Count > 0)
        {
            throw new InvalidOperationException("the ensemble is already fitted");
        }

        int n = rows.Length;
        var bins = FeatureBins.Build(rows);
        var random = new Random(seed);
        var distribution = Enumerable.Repeat(1.0 / n, n).ToArray();
        var cumulative = new double[n];
        var multiplicity = new double[n];
        for (int round = 0; round < rounds; round++)
        {
            Resample(distribution, cumulative, multiplicity, random);
            var tree = new DecisionTreeRegressor(maxDepth, minLeaf);
            tree.Fit(bins, target, multiplicity);
            var predicted = tree.Predict(rows);

            double maxError = 0;
            for (int i = 0; i < n; i++)
            {
                maxError = Math.Max(maxError, Math.Abs(predicted[i] - target[i]));
            }

            if (maxError == 0)
            {
                _ensemble.Add((tree, 1.0));
                break;
            }

            double averageLoss = 0;
            for (int i = 0; i < n; i++)
            {
                averageLoss += distribution[i] * Math.Abs(predicted[i] - target[i]) / maxError;
            }

            if (averageLoss >= 0.5)
            {
                if (_ensemble.Count == 0)
                {
                    _ensemble.Add((tree, 1.0));
                }

                break;
            }

            double beta = averageLoss / (1 - averageLoss);
            _ensemble.Add((tree, Math.Log(1 / beta)));
            double total = 0;
            for (int i = 0; i < n; i++)
            {
                distribution[i] *= Math.Pow(beta, 1 - Math.Abs(predicted[i] - target[i]) / maxError);
                total += distribution[i];
            }

            for (int i = 0; i < n; i++)
            {
                distribution[i] /= total;
            }
        }
    }

    public double[] Predict(double[][] rows)
    {
        var serving = ToServingModel();
        return [.. rows.Select(row => serving.Predict(row))];
    }

    public Contracts.Models.ServingModel ToServingModel() => _ensemble.Count == 0
        ? throw new InvalidOperationException($"{Name} is not fitted")
        : new Contracts.Models.TreeEnsembleServingModel
        {
            Trees = [.. _ensemble.Select(member => member.Tree.ToNodes())],
            Weights = [.. _ensemble.Select(member => member.Weight)],
            Combination = Contracts.Models.TreeCombination.WeightedMedian,
        };

    /// <summary>n draws with replacement by inverse-CDF lookup; multiplicity[i] = how often row i was drawn.</summary>
    private static void Resample(double[] distribution, double[] cumulative, double[] multiplicity, Random random)
    {
        double running = 0;
        for (int i = 0; i < distribution.Length; i++)
        {
            running += distribution[i];
            cumulative[i] = running;
            multiplicity[i] = 0;
        }

        for (int draw = 0; draw < distribution.Length; draw++)
        {
            int index = Array.BinarySearch(cumulative, random.NextDouble() * running);
            index = index >= 0 ? index : ~index;
            multiplicity[Math.Min(index, distribution.Length - 1)]++;
        }
    }
}

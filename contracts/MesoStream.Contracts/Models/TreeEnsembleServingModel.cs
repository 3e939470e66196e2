namespace MesoStream.Contracts.Models;

/// <summary>How the trees of an ensemble are combined.</summary>
public enum TreeCombination
{
    /// <summary>Bias + Σ weight_t · tree_t(x): gradient boosting (FastTree), and a single CART tree (weight 1, bias 0).</summary>
    WeightedSum,

    /// <summary>The smallest tree prediction whose cumulative weight reaches half the total: AdaBoost.R2 (Drucker 1997).</summary>
    WeightedMedian,
}

/// <summary>CART, AdaBoost.R2 and FastTree in one form: ŷ = Bias + Σ weight_t · tree_t(x), or the weighted median of the trees.</summary>
public sealed class TreeEnsembleServingModel : ServingModel
{
    public required RegressionTreeNodes[] Trees { get; init; }

    public required double[] Weights { get; init; }

    public required TreeCombination Combination { get; init; }

    public double Bias { get; init; }

    /// <summary>Features are compared in float precision (FastTree).</summary>
    public bool SinglePrecisionSplits { get; init; }

    public override IEnumerable<string> Problems(int featureCount)
    {
        // A weighted sum of no trees is the bias alone: what FastTree returns when too few rows allow a split.
        if (Weights.Length != Trees.Length || (Trees.Length == 0 && Combination == TreeCombination.WeightedMedian))
        {
            yield return $"trees: {Trees.Length} trees with {Weights.Length} weights (need equal counts, and ≥ 1 tree for a weighted median)";
            yield break;
        }

        if (!double.IsFinite(Bias) || Weights.Any(w => !double.IsFinite(w) || (Combination == TreeCombination.WeightedMedian && w < 0)))
        {
            yield return "weights: must be finite (and non-negative for a weighted median)";
        }

        for (int t = 0; t < Trees.Length; t++)
        {
            foreach (var problem in Trees[t].Problems(featureCount))
            {
                yield return $"trees[{t}]: {problem}";
            }
        }
    }
}

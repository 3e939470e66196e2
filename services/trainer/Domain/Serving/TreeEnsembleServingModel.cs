namespace MesoStream.Trainer.Serving;

/// <summary>How the trees of an ensemble are combined.</summary>
public enum TreeCombination
{
    /// <summary>Bias + Σ weight_t · tree_t(x): gradient boosting (FastTree), and a single CART tree (weight 1, bias 0).</summary>
    WeightedSum,

    /// <summary>The smallest tree prediction whose cumulative weight reaches half the total: AdaBoost.R2 (Drucker 1997).</summary>
    WeightedMedian,
}

/// <summary>CART, AdaBoost.R2 and FastTree in one evaluable form.</summary>
public sealed class TreeEnsembleServingModel : ServingModel
{
    public required RegressionTreeNodes[] Trees { get; init; }

    public required double[] Weights { get; init; }

    public required TreeCombination Combination { get; init; }

    public double Bias { get; init; }

    /// <summary>Features are compared in float precision (FastTree).</summary>
    public bool SinglePrecisionSplits { get; init; }

    private ITreeBlockEvaluator? _evaluator;

    public override double Predict(ReadOnlySpan<double> features)
    {
        if (Combination == TreeCombination.WeightedSum)
        {
            double sum = Bias;
            for (int t = 0; t < Trees.Length; t++)
            {
                sum += Weights[t] * Trees[t].Evaluate(features, SinglePrecisionSplits);
            }

            return sum;
        }

        Span<double> values = Trees.Length <= 256 ? stackalloc double[Trees.Length] : new double[Trees.Length];
        for (int t = 0; t < Trees.Length; t++)
        {
            values[t] = Trees[t].Evaluate(features, SinglePrecisionSplits);
        }

        return WeightedMedian(values);
    }

    internal override FeaturePrecision BlockPrecision => Evaluator.Precision;

    /// <summary>
    /// The block form of the trees: leaf bitvectors in float lanes for FastTree (≤ 32 leaves, float thresholds), in
    /// double lanes for trees of ≤ 64 leaves, else the flat walk. For a weighted sum the leaves carry their tree's weight.
    /// </summary>
    private ITreeBlockEvaluator Evaluator => _evaluator ??= BuildEvaluator();

    internal override void PredictBlock(FeatureBlock block, Span<double> output)
    {
        int count = block.Count;
        if (Combination == TreeCombination.WeightedSum)
        {
            output[..count].Fill(Bias);
            Evaluator.AddLeaves(block, output);
            return;
        }

        Span<double> leaves = stackalloc double[FeatureBlock.Capacity];
        var values = new double[count * Trees.Length];
        for (int t = 0; t < Trees.Length; t++)
        {
            Evaluator.Evaluate(t, block, leaves);
            for (int r = 0; r < count; r++)
            {
                values[(r * Trees.Length) + t] = leaves[r];
            }
        }

        for (int r = 0; r < count; r++)
        {
            output[r] = WeightedMedian(values.AsSpan(r * Trees.Length, Trees.Length));
        }
    }

    private ITreeBlockEvaluator BuildEvaluator()
    {
        var scales = Combination == TreeCombination.WeightedSum ? Weights : null;
        return (ITreeBlockEvaluator?)LeafBitvectorForest<float, uint>.TryBuild(Trees, scales, SinglePrecisionSplits)
            ?? (ITreeBlockEvaluator?)LeafBitvectorForest<double, ulong>.TryBuild(Trees, scales, SinglePrecisionSplits)
            ?? FlatForest.Build(Trees, scales, SinglePrecisionSplits);
    }

    /// <summary>The smallest of the trees' <paramref name="values"/> whose cumulative weight reaches half the total (sorts in place).</summary>
    private double WeightedMedian(Span<double> values)
    {
        Span<int> order = values.Length <= 256 ? stackalloc int[values.Length] : new int[values.Length];
        double total = 0;
        for (int t = 0; t < values.Length; t++)
        {
            order[t] = t;
            total += Weights[t];
        }

        double half = 0.5 * total;
        values.Sort(order);
        double cumulative = 0;
        for (int k = 0; k < order.Length; k++)
        {
            cumulative += Weights[order[k]];
            if (cumulative >= half)
            {
                return values[k];
            }
        }

        return values[^1];
    }

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

using MesoStream.Contracts.Models;

namespace MesoStream.Modelling.Serving;

/// <summary>A served model compiled to evaluate a whole <see cref="FeatureBlock"/> at once.</summary>
internal abstract class BlockModel
{
    /// <summary>How <see cref="PredictBlock"/> wants its features stored (FastTree's float splits: floats, or doubles rounded to float).</summary>
    public virtual FeaturePrecision Precision => FeaturePrecision.Double;

    /// <summary>The prediction for every row of <paramref name="block"/>, equal bit for bit to <see cref="ServingModelEvaluation.Predict"/> row by row.</summary>
    public abstract void PredictBlock(FeatureBlock block, Span<double> output);

    public static BlockModel Compile(ServingModel model) => model switch
    {
        LinearServingModel linear => new LinearBlockModel(linear),
        TreeEnsembleServingModel ensemble => new TreeEnsembleBlockModel(ensemble),
        _ => throw new NotSupportedException($"no block evaluation for serving model {model.GetType().Name}"),
    };
}

/// <summary>Column by column; each row still sums its terms in feature order, as the row evaluation does.</summary>
internal sealed class LinearBlockModel(LinearServingModel model) : BlockModel
{
    public override void PredictBlock(FeatureBlock block, Span<double> output)
    {
        var sums = output[..block.Count];
        sums.Fill(model.Intercept);
        for (int j = 0; j < block.FeatureCount; j++)
        {
            double weight = model.Weights[j];
            var column = block.Column(j);
            for (int r = 0; r < sums.Length; r++)
            {
                sums[r] += weight * column[r];
            }
        }
    }
}

/// <summary>
/// The block form of the trees: leaf bitvectors in float lanes for FastTree (≤ 32 leaves, float thresholds), in
/// double lanes for trees of ≤ 64 leaves, else the flat walk. For a weighted sum the leaves carry their tree's weight.
/// </summary>
internal sealed class TreeEnsembleBlockModel : BlockModel
{
    private readonly TreeEnsembleServingModel _model;
    private readonly ITreeBlockEvaluator _evaluator;

    public TreeEnsembleBlockModel(TreeEnsembleServingModel model)
    {
        _model = model;
        var scales = model.Combination == TreeCombination.WeightedSum ? model.Weights : null;
        _evaluator = (ITreeBlockEvaluator?)LeafBitvectorForest<float, uint>.TryBuild(model.Trees, scales, model.SinglePrecisionSplits)
            ?? (ITreeBlockEvaluator?)LeafBitvectorForest<double, ulong>.TryBuild(model.Trees, scales, model.SinglePrecisionSplits)
            ?? FlatForest.Build(model.Trees, scales, model.SinglePrecisionSplits);
    }

    public override FeaturePrecision Precision => _evaluator.Precision;

    public override void PredictBlock(FeatureBlock block, Span<double> output)
    {
        int count = block.Count;
        if (_model.Combination == TreeCombination.WeightedSum)
        {
            output[..count].Fill(_model.Bias);
            _evaluator.AddLeaves(block, output);
            return;
        }

        int trees = _model.Trees.Length;
        Span<double> leaves = stackalloc double[FeatureBlock.Capacity];
        var values = new double[count * trees];
        for (int t = 0; t < trees; t++)
        {
            _evaluator.Evaluate(t, block, leaves);
            for (int r = 0; r < count; r++)
            {
                values[(r * trees) + t] = leaves[r];
            }
        }

        for (int r = 0; r < count; r++)
        {
            output[r] = ServingModelEvaluation.WeightedMedian(values.AsSpan(r * trees, trees), _model.Weights);
        }
    }
}

using MesoStream.Contracts.Models;

namespace MesoStream.Modelling.Serving;

/// <summary>
/// A served model evaluated row by row, straight from its wire form: the reference that the block evaluation
/// (<see cref="BlockModel"/>) must equal bit for bit.
/// </summary>
public static class ServingModelEvaluation
{
    public static double Predict(this ServingModel model, ReadOnlySpan<double> features) => model switch
    {
        LinearServingModel linear => Predict(linear, features),
        TreeEnsembleServingModel ensemble => Predict(ensemble, features),
        _ => throw new NotSupportedException($"no evaluation for serving model {model.GetType().Name}"),
    };

    /// <summary>
    /// The leaf value for a row. With <paramref name="singlePrecision"/> the feature is rounded to float before the
    /// comparison, as ML.NET FastTree does (its thresholds are floats learned on float features).
    /// </summary>
    public static double Evaluate(this RegressionTreeNodes tree, ReadOnlySpan<double> features, bool singlePrecision)
    {
        int node = 0;
        var feature = tree.Feature;
        while (feature[node] >= 0)
        {
            double x = features[feature[node]];
            if (singlePrecision)
            {
                x = (float)x;
            }

            node = x <= tree.Threshold[node] ? tree.Left[node] : tree.Right[node];
        }

        return tree.Value[node];
    }

    private static double Predict(LinearServingModel model, ReadOnlySpan<double> features)
    {
        double sum = model.Intercept;
        var weights = model.Weights.AsSpan(0, features.Length);
        for (int j = 0; j < weights.Length; j++)
        {
            sum += weights[j] * features[j];
        }

        return sum;
    }

    private static double Predict(TreeEnsembleServingModel model, ReadOnlySpan<double> features)
    {
        var trees = model.Trees;
        if (model.Combination == TreeCombination.WeightedSum)
        {
            double sum = model.Bias;
            for (int t = 0; t < trees.Length; t++)
            {
                sum += model.Weights[t] * trees[t].Evaluate(features, model.SinglePrecisionSplits);
            }

            return sum;
        }

        Span<double> values = trees.Length <= 256 ? stackalloc double[trees.Length] : new double[trees.Length];
        for (int t = 0; t < trees.Length; t++)
        {
            values[t] = trees[t].Evaluate(features, model.SinglePrecisionSplits);
        }

        return WeightedMedian(values, model.Weights);
    }

    /// <summary>The smallest of the trees' <paramref name="values"/> whose cumulative weight reaches half the total (sorts in place).</summary>
    internal static double WeightedMedian(Span<double> values, double[] weights)
    {
        Span<int> order = values.Length <= 256 ? stackalloc int[values.Length] : new int[values.Length];
        double total = 0;
        for (int t = 0; t < values.Length; t++)
        {
            order[t] = t;
            total += weights[t];
        }

        double half = 0.5 * total;
        values.Sort(order);
        double cumulative = 0;
        for (int k = 0; k < order.Length; k++)
        {
            cumulative += weights[order[k]];
            if (cumulative >= half)
            {
                return values[k];
            }
        }

        return values[^1];
    }
}

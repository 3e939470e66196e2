namespace MesoStream.Trainer.Serving;

/// <summary>ŷ = b + Σ w_j x_j in raw feature units (the linear family after mapping β back from standardized units).</summary>
public sealed class LinearServingModel : ServingModel
{
    public required double[] Weights { get; init; }

    public required double Intercept { get; init; }

    public override double Predict(ReadOnlySpan<double> features)
    {
        double sum = Intercept;
        var weights = Weights.AsSpan(0, features.Length);
        for (int j = 0; j < weights.Length; j++)
        {
            sum += weights[j] * features[j];
        }

        return sum;
    }

    /// <summary>Column by column; each row still sums its terms in feature order, as <see cref="Predict"/> does.</summary>
    internal override void PredictBlock(FeatureBlock block, Span<double> output)
    {
        var sums = output[..block.Count];
        sums.Fill(Intercept);
        for (int j = 0; j < block.FeatureCount; j++)
        {
            double weight = Weights[j];
            var column = block.Column(j);
            for (int r = 0; r < sums.Length; r++)
            {
                sums[r] += weight * column[r];
            }
        }
    }

    public override IEnumerable<string> Problems(int featureCount)
    {
        if (Weights.Length != featureCount)
        {
            yield return $"weights: {Weights.Length} for {featureCount} features";
        }

        if (!double.IsFinite(Intercept) || Weights.Any(w => !double.IsFinite(w)))
        {
            yield return "weights: must all be finite";
        }
    }
}

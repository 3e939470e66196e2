namespace MesoStream.Contracts.Models;

/// <summary>ŷ = b + Σ w_j x_j in raw feature units (the linear family after mapping β back from standardized units).</summary>
public sealed class LinearServingModel : ServingModel
{
    public required double[] Weights { get; init; }

    public required double Intercept { get; init; }

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

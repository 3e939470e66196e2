namespace MesoStream.Modelling.Serving;

/// <summary>
/// The nine predicted properties of one input (in the artifact's target order, keyed by target name),
/// the model version that made them, and the descriptors that fall outside the training ranges (empty: interpolation);
/// each target's calibrated interval (targets whose model has one) and P(percolates) (tortuosities with a classifier).
/// A τ classified non-percolating is +∞ with the interval [+∞, +∞].
/// </summary>
public sealed record Prediction(int ModelVersion, IReadOnlyDictionary<string, double> Properties, IReadOnlyList<string> OutOfRange)
{
    public IReadOnlyDictionary<string, Contracts.Predictions.PredictionInterval> Intervals { get; init; } = new Dictionary<string, Contracts.Predictions.PredictionInterval>();

    public IReadOnlyDictionary<string, double> Percolation { get; init; } = new Dictionary<string, double>();

    /// <summary>Whether a non-finite property is the answer "does not percolate" (+∞ with P &lt; threshold) rather than a failure.</summary>
    public bool IsNonPercolating(string target) => Percolation.ContainsKey(target) && double.IsPositiveInfinity(Properties[target]);

    public bool Extrapolation => OutOfRange.Count > 0;
}

namespace MesoStream.Modelling.Serving;

/// <summary>
/// The nine predicted properties of one input (in the artifact's target order, keyed by target name),
/// the model version that made them, and the descriptors that fall outside the training ranges (empty: interpolation).
/// </summary>
public sealed record Prediction(int ModelVersion, IReadOnlyDictionary<string, double> Properties, IReadOnlyList<string> OutOfRange)
{
    public bool Extrapolation => OutOfRange.Count > 0;
}

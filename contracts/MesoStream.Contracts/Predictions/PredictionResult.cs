
namespace MesoStream.Contracts.Predictions;

/// <summary>Whether the inputs lie inside the model's training ranges; outside (extrapolation) the answer is still given.</summary>
public sealed record PredictionValidity(bool Extrapolation, IReadOnlyList<string> OutOfRange);

/// <summary>
/// The answer to one input, the same on every path (Kafka <c>predictions</c>, HTTP, <c>mesostream predict</c>): the
/// id, the model version that made it, the nine properties by target name, the validity of the inputs, the
/// descriptors it was computed from (given, or derived from the spec), each property's calibrated interval and, per
/// tortuosity with a percolation classifier, P(the pore phase percolates along it). A τ whose design is classified as
/// non-percolating (P &lt; 0.5) is +∞ (written "Infinity"), its interval [+∞, +∞].
/// </summary>
public sealed record PredictionResult(
    string Id,
    int ModelVersion,
    InputKind Input,
    IReadOnlyDictionary<string, double> Properties,
    PredictionValidity Validity,
    IReadOnlyDictionary<string, double> Descriptors)
{
    public IReadOnlyDictionary<string, PredictionInterval> Intervals { get; init; } = new Dictionary<string, PredictionInterval>();

    public IReadOnlyDictionary<string, double> Percolation { get; init; } = new Dictionary<string, double>();
}

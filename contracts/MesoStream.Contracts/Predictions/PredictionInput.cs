using MesoStream.Contracts.Specs;

namespace MesoStream.Contracts.Predictions;

/// <summary>What a request asks to predict from.</summary>
public enum InputKind
{
    /// <summary>The eleven descriptors D1…D11, given directly.</summary>
    Descriptors,

    /// <summary>A structure spec: the predictor generates the structure and computes its descriptors (no solver).</summary>
    Spec,
}

/// <summary>
/// One validated prediction input: a descriptor row (<see cref="Descriptors"/> in D1…D11 order) or a spec. The id is
/// the caller's (a row's <c>id</c>, a spec's id); null when the caller gave none, and the transport supplies one.
/// </summary>
public sealed record PredictionInput(string? Id, InputKind Kind, double[]? Descriptors, StructureSpec? Spec)
{
    public static PredictionInput FromDescriptors(string? id, double[] descriptors) => new(id, InputKind.Descriptors, descriptors, null);

    public static PredictionInput FromSpec(StructureSpec spec) => new(spec.Id, InputKind.Spec, null, spec);
}

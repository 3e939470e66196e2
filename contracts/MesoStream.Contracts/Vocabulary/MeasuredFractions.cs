namespace MesoStream.Contracts.Vocabulary;

/// <summary>
/// Phase fractions the solver measures on the voxels and publishes beside the nine properties (properties-computed):
/// not model targets, but what the report plots τ and σ against.
/// </summary>
public static class MeasuredFractions
{
    public const string Porosity = "porosity";

    public const string ActiveMaterial = "active_fraction";

    public static IReadOnlyList<string> Names { get; } = [Porosity, ActiveMaterial];
}

using MesoStream.Contracts.Vocabulary;

namespace MesoStream.Trainer.Dataset;

/// <summary>
/// One structure of the training dataset: the eleven descriptors (paper Fig. 9a, <see cref="Contracts.Vocabulary.Descriptors"/>) and the
/// nine effective properties (<see cref="EffectiveProperties"/>), whose names are the columns (Parquet, CSV). A
/// non-percolating direction has τ = +∞ (and σ = 0) and stays in the dataset. The named accessors are C# shorthands
/// for the vocabulary's entries.
/// </summary>
public sealed class DatasetRecord
{
    private readonly double[] _descriptors = new double[Contracts.Vocabulary.Descriptors.Count];
    private readonly double[] _properties = new double[EffectiveProperties.Count];

    public string Id { get; set; } = string.Empty;

    public double this[DescriptorId id]
    {
        get => _descriptors[(int)id - 1];
        set => _descriptors[(int)id - 1] = value;
    }

    public double this[PropertyId id]
    {
        get => _properties[(int)id];
        set => _properties[(int)id] = value;
    }

    public double ActiveFraction { get => this[DescriptorId.ActiveMaterialFraction]; set => this[DescriptorId.ActiveMaterialFraction] = value; }
    public double BinderFraction { get => this[DescriptorId.BinderFraction]; set => this[DescriptorId.BinderFraction] = value; }
    public double Omega { get => this[DescriptorId.BinderMorphology]; set => this[DescriptorId.BinderMorphology] = value; }
    public double Gamma { get => this[DescriptorId.OverlapFactor]; set => this[DescriptorId.OverlapFactor] = value; }
    public double EquivalentRadiusUm { get => this[DescriptorId.EquivalentRadius]; set => this[DescriptorId.EquivalentRadius] = value; }
    public double Eccentricity { get => this[DescriptorId.Eccentricity]; set => this[DescriptorId.Eccentricity] = value; }
    public double Rectangularity { get => this[DescriptorId.Rectangularity]; set => this[DescriptorId.Rectangularity] = value; }
    public double Sphericity { get => this[DescriptorId.Sphericity]; set => this[DescriptorId.Sphericity] = value; }
    public double MeanPoreRadiusUm { get => this[DescriptorId.MeanPoreRadius]; set => this[DescriptorId.MeanPoreRadius] = value; }
    public double A1 { get => this[DescriptorId.AnisotropyA1]; set => this[DescriptorId.AnisotropyA1] = value; }
    public double A2 { get => this[DescriptorId.AnisotropyA2]; set => this[DescriptorId.AnisotropyA2] = value; }
    public double TauX { get => this[PropertyId.TauX]; set => this[PropertyId.TauX] = value; }
    public double TauY { get => this[PropertyId.TauY]; set => this[PropertyId.TauY] = value; }
    public double TauZ { get => this[PropertyId.TauZ]; set => this[PropertyId.TauZ] = value; }
    public double SigmaX { get => this[PropertyId.SigmaX]; set => this[PropertyId.SigmaX] = value; }
    public double SigmaY { get => this[PropertyId.SigmaY]; set => this[PropertyId.SigmaY] = value; }
    public double SigmaZ { get => this[PropertyId.SigmaZ]; set => this[PropertyId.SigmaZ] = value; }
    public double A01 { get => this[PropertyId.A01]; set => this[PropertyId.A01] = value; }
    public double A02 { get => this[PropertyId.A02]; set => this[PropertyId.A02] = value; }
    public double A12 { get => this[PropertyId.A12]; set => this[PropertyId.A12] = value; }

    /// <summary>The eleven descriptors in D1…D11 order (a copy).</summary>
    public double[] Descriptors() => (double[])_descriptors.Clone();
}

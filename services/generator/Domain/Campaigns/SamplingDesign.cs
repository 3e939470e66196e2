namespace MesoStream.Generator.Campaigns;

/// <summary>How a campaign spreads its points over the parameter box.</summary>
public enum SamplingDesign
{
    /// <summary>Digitally shifted Sobol points (<see cref="SobolSequence"/>): best space filling, stratified in every projection.</summary>
    Sobol,

    /// <summary>Latin hypercube (McKay, Beckman &amp; Conover, Technometrics 21, 1979): each 1-D projection has one point per 1/N stratum.</summary>
    Lhs,

    /// <summary>Independent uniform points.</summary>
    Random,
}

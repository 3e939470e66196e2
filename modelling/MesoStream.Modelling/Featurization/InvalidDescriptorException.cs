namespace MesoStream.Modelling.Featurization;

/// <summary>A descriptor value the featurization cannot take (ln X and negative powers need X &gt; 0, finite).</summary>
public sealed class InvalidDescriptorException(string name, double value)
    : ArgumentException($"descriptor {name} = {value} cannot be featurized: ln X and negative powers need a positive finite value")
{
    public string Name { get; } = name;
    public double Value { get; } = value;
}

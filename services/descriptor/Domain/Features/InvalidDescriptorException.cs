namespace MesoStream.Descriptor.Features;

/// <summary>A descriptor value the featurization cannot take (ln X and negative powers need X &gt; 0, finite).</summary>
public sealed class InvalidDescriptorException(string symbol, double value)
    : ArgumentException($"descriptor {symbol} = {value} cannot be featurized: ln X and negative powers need a positive finite value")
{
    public string Symbol { get; } = symbol;
    public double Value { get; } = value;
}

namespace MesoStream.Contracts.Models;

/// <summary>The range of one descriptor over the rows a model was trained on; a request outside it is an extrapolation.</summary>
public sealed record DescriptorRange(string Descriptor, double Min, double Max)
{
    public bool Contains(double value) => value >= Min && value <= Max;
}

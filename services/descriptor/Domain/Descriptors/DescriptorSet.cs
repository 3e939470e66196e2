using MesoStream.Descriptor.Pores;

using MesoStream.Contracts.Vocabulary;

namespace MesoStream.Descriptor.Descriptors;

/// <summary>D1–D11 of one structure, with the c-PSD behind D9 when the grid gave one.</summary>
public sealed record DescriptorSet(IReadOnlyList<DescriptorValue> Values, PoreSizeDistribution? PoreSizes)
{
    public DescriptorValue this[DescriptorId id] => Values[(int)id - 1];

    public bool IsComplete => Values.All(v => v.IsAvailable);

    /// <summary>The eleven values in D1–D11 order, for the featurization (MesoStream.Modelling); throws naming every missing one.</summary>
    public double[] ToVector()
    {
        var missing = Values.Where(v => !v.IsAvailable).ToList();
        if (missing.Count > 0)
        {
            throw new InvalidOperationException("descriptors unavailable: " + string.Join("; ", missing));
        }

        return [.. Values.Select(v => v.Value!.Value)];
    }
}

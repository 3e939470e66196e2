using System.Text.Json;
using MesoStream.Contracts.Arrow;
using MesoStream.Contracts.Specs;
using MesoStream.Contracts.Vocabulary;

namespace MesoStream.Descriptor.Descriptors;

/// <summary>
/// The descriptors-computed row of one structure (a one-row <see cref="FeatureBatch"/>): the available descriptors under
/// their names (<see cref="Contracts.Vocabulary.Descriptors"/>), <c>r50_pore_um</c>, the properties of
/// <see cref="EffectiveProperties"/> and <see cref="MeasuredFractions"/>, and the text columns <c>spec_json</c>, <c>unavailable</c> (JSON:
/// symbol → reason, for volumes without particles or spec) and <c>provenance</c> (JSON).
/// </summary>
public static class DescriptorRow
{
    public static FeatureBatch From(PropertiesBatch properties, DescriptorSet descriptors, StructureSpec? spec, string? solvedBy)
    {
        var numeric = new List<KeyValuePair<string, double[]>>();
        foreach (var value in descriptors.Values.Where(v => v.IsAvailable))
        {
            numeric.Add(new(value.Name, [value.Value!.Value]));
        }

        if (descriptors.PoreSizes is { } pores)
        {
            numeric.Add(new("r50_pore_um", [pores.MedianRadiusUm]));
        }

        foreach (var name in PropertiesBatchCodec.PropertyNames)
        {
            numeric.Add(new(name, [properties.Properties[name]]));
        }

        var unavailable = descriptors.Values.Where(v => !v.IsAvailable).ToDictionary(v => v.Name, v => v.UnavailableReason);
        var provenance = new
        {
            solved_by = solvedBy,
            all_solves_converged = properties.Solves.All(s => s.Converged),
            non_percolating = properties.Solves.Where(s => !s.Percolates).Select(s => s.Property),
            pore_voxels = descriptors.PoreSizes?.PoreVoxels,
        };
        return new FeatureBatch([properties.StructureId], numeric,
        [
            new("spec_json", [spec?.ToJson()]),
            new("unavailable", [JsonSerializer.Serialize(unavailable)]),
            new("provenance", [JsonSerializer.Serialize(provenance)]),
        ]);
    }
}

using MesoStream.Contracts.Messaging;
using MesoStream.Contracts.Specs;
using MesoStream.Descriptor.Descriptors;
using MesoStream.Generator;

namespace MesoStream.Predictor.Serving;

/// <summary>
/// A spec's eleven descriptors without the solver: generate the structure (deterministic in the spec's seed), then
/// compute D1–D11 exactly as the descriptor service does, so a spec predicted here and the same spec's dataset row
/// share their descriptors. The vector is in D1…D11 order, which is the dataset's descriptor column order.
/// </summary>
public static class SpecDescriptors
{
    public static double[] Compute(StructureSpec spec)
    {
        var structure = StructureGenerator.Generate(spec);
        var descriptors = DescriptorCalculator.Calculate(structure.Grid, structure.Particles, spec);
        if (!descriptors.IsComplete)
        {
            var missing = descriptors.Values.First(v => !v.IsAvailable);
            throw new InvalidMessageException("spec", $"the generated structure has no {missing.Name}: {missing.UnavailableReason}");
        }

        return descriptors.ToVector();
    }
}

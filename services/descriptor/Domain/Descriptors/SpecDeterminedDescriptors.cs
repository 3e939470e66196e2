using MesoStream.Contracts.Specs;
using MesoStream.Contracts.Vocabulary;
using MesoStream.Descriptor.Shapes;

namespace MesoStream.Descriptor.Descriptors;

/// <summary>
/// The descriptors a spec fixes without its structure (<see cref="Descriptors.SpecDetermined"/>, in that order): the
/// requested v_am, binder fraction and ω, D5–D8 of the spec's ellipsoid (every particle has its semi-axes, so the
/// calculator's particle averages are exactly these) and a1, a2. A generated structure's D1 differs from the request
/// by at most the generator's ±0.5 % tolerance and D2 by at most one voxel; the rest are equal.
/// </summary>
public static class SpecDeterminedDescriptors
{
    public static double[] Of(StructureSpec spec)
    {
        var axes = spec.ActiveMaterial.AxesUm;
        var shape = new EllipsoidShape(axes.A, axes.B, axes.C);
        var values = new double[Contracts.Vocabulary.Descriptors.SpecDetermined.Count];
        for (int i = 0; i < values.Length; i++)
        {
            values[i] = Contracts.Vocabulary.Descriptors.SpecDetermined[i] switch
            {
                DescriptorId.ActiveMaterialFraction => spec.ActiveMaterial.VolumeFraction,
                DescriptorId.BinderFraction => spec.Binder.VolumeFraction,
                DescriptorId.BinderMorphology => spec.Binder.Omega,
                DescriptorId.EquivalentRadius => shape.EquivalentRadius,
                DescriptorId.Eccentricity => shape.Eccentricity,
                DescriptorId.Rectangularity => shape.Rectangularity,
                DescriptorId.Sphericity => shape.Sphericity,
                DescriptorId.AnisotropyA1 => spec.ActiveMaterial.A1,
                DescriptorId.AnisotropyA2 => spec.ActiveMaterial.A2,
                var other => throw new InvalidOperationException($"{other} is not determined by a spec"),
            };
        }

        return values;
    }
}

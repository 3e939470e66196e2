using MesoStream.Contracts.Specs;
using MesoStream.Contracts.Structures;
using MesoStream.Descriptor.Pores;
using MesoStream.Descriptor.Shapes;

using MesoStream.Contracts.Vocabulary;

namespace MesoStream.Descriptor.Descriptors;

/// <summary>
/// Computes D1–D11 (paper: Inputs – Electrode Physical Descriptor Characterization; Fig. 9a). The grid gives D1, D2
/// and D9; the particle list gives D4 and, as the mean over particles, D5–D8; the spec gives D3, D10, D11 and, when
/// there are no particles, D5–D8 from its semi-axes. Whatever the inputs cannot give is reported unavailable.
/// </summary>
public static class DescriptorCalculator
{
    public static DescriptorSet Calculate(VoxelGrid grid, IReadOnlyList<Particle>? particles, StructureSpec? spec)
    {
        ArgumentNullException.ThrowIfNull(grid);
        var values = new List<DescriptorValue>(11)
        {
            DescriptorValue.Of(DescriptorId.ActiveMaterialFraction, grid.Fraction(VoxelLabels.ActiveMaterial)),
            DescriptorValue.Of(DescriptorId.BinderFraction, grid.Fraction(VoxelLabels.Binder)),
            spec is null
                ? DescriptorValue.Unavailable(DescriptorId.BinderMorphology, NoSpec)
                : DescriptorValue.Of(DescriptorId.BinderMorphology, spec.Binder.Omega),
            Overlap(grid, particles),
        };
        values.AddRange(Shape(particles, spec));

        PoreSizeDistribution? poreSizes = null;
        try
        {
            poreSizes = PoreSizeDistribution.Calculate(grid);
            values.Add(DescriptorValue.Of(DescriptorId.MeanPoreRadius, poreSizes.MeanRadiusUm));
        }
        catch (InvalidOperationException e)
        {
            values.Add(DescriptorValue.Unavailable(DescriptorId.MeanPoreRadius, e.Message));
        }

        values.Add(spec is null
            ? DescriptorValue.Unavailable(DescriptorId.AnisotropyA1, NoSpec)
            : DescriptorValue.Of(DescriptorId.AnisotropyA1, spec.ActiveMaterial.A1));
        values.Add(spec is null
            ? DescriptorValue.Unavailable(DescriptorId.AnisotropyA2, NoSpec)
            : DescriptorValue.Of(DescriptorId.AnisotropyA2, spec.ActiveMaterial.A2));
        return new DescriptorSet(values, poreSizes);
    }

    private const string NoSpec = "no structure spec: the value is a generation parameter";
    private const string NoParticles = "no particle list: overlap needs the individual ellipsoids";

    private static DescriptorValue Overlap(VoxelGrid grid, IReadOnlyList<Particle>? particles)
    {
        if (particles is null || particles.Count == 0)
        {
            return DescriptorValue.Unavailable(DescriptorId.OverlapFactor, NoParticles);
        }

        try
        {
            return DescriptorValue.Of(DescriptorId.OverlapFactor, OverlapFactor.Calculate(grid, particles));
        }
        catch (InvalidOperationException e)
        {
            return DescriptorValue.Unavailable(DescriptorId.OverlapFactor, e.Message);
        }
    }

    /// <summary>D5–D8: per-particle shape measures averaged over the particles, else the spec's one shape.</summary>
    private static IEnumerable<DescriptorValue> Shape(IReadOnlyList<Particle>? particles, StructureSpec? spec)
    {
        IReadOnlyList<EllipsoidShape> shapes;
        if (particles is { Count: > 0 })
        {
            shapes = [.. particles.Select(p => new EllipsoidShape(p.A, p.B, p.C))];
        }
        else if (spec is not null)
        {
            var axes = spec.ActiveMaterial.AxesUm;
            shapes = [new EllipsoidShape(axes.A, axes.B, axes.C)];
        }
        else
        {
            const string reason = "neither particle list nor spec: the particle shape is unknown";
            return
            [
                DescriptorValue.Unavailable(DescriptorId.EquivalentRadius, reason),
                DescriptorValue.Unavailable(DescriptorId.Eccentricity, reason),
                DescriptorValue.Unavailable(DescriptorId.Rectangularity, reason),
                DescriptorValue.Unavailable(DescriptorId.Sphericity, reason),
            ];
        }

        return
        [
            DescriptorValue.Of(DescriptorId.EquivalentRadius, shapes.Average(s => s.EquivalentRadius)),
            DescriptorValue.Of(DescriptorId.Eccentricity, shapes.Average(s => s.Eccentricity)),
            DescriptorValue.Of(DescriptorId.Rectangularity, shapes.Average(s => s.Rectangularity)),
            DescriptorValue.Of(DescriptorId.Sphericity, shapes.Average(s => s.Sphericity)),
        ];
    }
}

using MesoStream.Contracts.Specs;
using MesoStream.Contracts.Vocabulary;
using MesoStream.Descriptor.Descriptors;
using MesoStream.Generator;

namespace MesoStream.Planner.Tests;

/// <summary>
/// The planner's premise: what a spec alone says about D1–D3, D5–D8, D10, D11 is what the descriptor service computes
/// on the generated structure (D1 within the generator's ±0.5 % tolerance, D2 to one voxel), so candidates are scored in the same space
/// the ensembles were trained in.
/// </summary>
public sealed class SpecDeterminedDescriptorsTests
{
    [Theory]
    [InlineData(0.55, 6.0, 3.5, 3.0, 0.3, 2.0)]
    [InlineData(0.7, 2.0, 4.0, 5.0, 20, 0.5)]
    public void Match_the_descriptors_of_the_generated_structure(double activeFraction, double a, double b, double c, double a1, double a2)
    {
        var spec = new StructureSpec(string.Empty, 11, new GridSpec(48, 48, 48, 1.0),
            new ActiveMaterialSpec(activeFraction, new SemiAxes(a, b, c), a1, a2), new BinderSpec(0.07, 0.4), "spec-descriptors");
        spec = spec with { Id = spec.ContentId() };
        var structure = StructureGenerator.Generate(spec);
        var computed = DescriptorCalculator.Calculate(structure.Grid, structure.Particles, spec).ToVector();

        var fromSpec = SpecDeterminedDescriptors.Of(spec);

        for (int i = 0; i < fromSpec.Length; i++)
        {
            var id = Descriptors.SpecDetermined[i];
            double tolerance = id switch
            {
                DescriptorId.ActiveMaterialFraction => 0.005,
                DescriptorId.BinderFraction => 1.0 / spec.Grid.VoxelCount,
                _ => 1e-9 * Math.Abs(fromSpec[i]),
            };
            Assert.True(Math.Abs(fromSpec[i] - computed[(int)id - 1]) <= tolerance,
                $"{Descriptors.NameOf(id)}: from the spec {fromSpec[i]}, computed {computed[(int)id - 1]}");
        }
    }
}

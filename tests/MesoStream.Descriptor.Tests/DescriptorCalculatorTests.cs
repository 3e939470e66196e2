using MesoStream.Contracts.Vocabulary;
using MesoStream.Modelling.Featurization;
using MesoStream.Contracts.Structures;
using MesoStream.Descriptor.Benchmarking;
using MesoStream.Descriptor.Descriptors;
using MesoStream.Descriptor.Shapes;
using MesoStream.Generator;

namespace MesoStream.Descriptor.Tests;

public sealed class DescriptorCalculatorTests
{
    private static readonly Lazy<GenerationResult> Fast = new(() => StructureGenerator.Generate(GeneratorPresets.Fast(7)));

    [Fact]
    public void GeneratedStructureGivesAllElevenDescriptors()
    {
        var structure = Fast.Value;
        var set = DescriptorCalculator.Calculate(structure.Grid, structure.Particles, structure.Spec);

        Assert.True(set.IsComplete);
        Assert.Equal(Enumerable.Range(1, 11), set.Values.Select(v => (int)v.Id));
        Assert.Equal(structure.Grid.Fraction(VoxelLabels.ActiveMaterial), set[DescriptorId.ActiveMaterialFraction].Value);
        Assert.Equal(structure.Grid.Fraction(VoxelLabels.Binder), set[DescriptorId.BinderFraction].Value);
        Assert.Equal(0.5, set[DescriptorId.BinderMorphology].Value);
        var shape = new EllipsoidShape(6.5, 3.9, 3.9);
        Assert.Equal(shape.EquivalentRadius, set[DescriptorId.EquivalentRadius].Value!.Value, 10);
        Assert.Equal(6.5 / 3.9, set[DescriptorId.Eccentricity].Value!.Value, 10);
        Assert.Equal(shape.Rectangularity, set[DescriptorId.Rectangularity].Value!.Value, 10);
        Assert.Equal(shape.Sphericity, set[DescriptorId.Sphericity].Value!.Value, 10);
        Assert.InRange(set[DescriptorId.OverlapFactor].Value!.Value, 0.05, 0.95);
        Assert.InRange(set[DescriptorId.MeanPoreRadius].Value!.Value, 1.0, 10.0);
        Assert.Equal(set.PoreSizes!.MeanRadiusUm, set[DescriptorId.MeanPoreRadius].Value);
        Assert.Equal(1.0, set[DescriptorId.AnisotropyA1].Value);

        var features = Featurizer.Featurize(set.ToVector());
        Assert.All(features, f => Assert.True(double.IsFinite(f)));
    }

    [Fact]
    public void TomographyVolumeReportsWhatItCannotGive()
    {
        var set = DescriptorCalculator.Calculate(Fast.Value.Grid, particles: null, spec: null);

        var unavailable = set.Values.Where(v => !v.IsAvailable).Select(v => v.Id).ToArray();
        Assert.Equal(
            [DescriptorId.BinderMorphology, DescriptorId.OverlapFactor, DescriptorId.EquivalentRadius, DescriptorId.Eccentricity,
             DescriptorId.Rectangularity, DescriptorId.Sphericity, DescriptorId.AnisotropyA1, DescriptorId.AnisotropyA2],
            unavailable);
        Assert.All(set.Values.Where(v => !v.IsAvailable), v => Assert.False(string.IsNullOrWhiteSpace(v.UnavailableReason)));
        Assert.All(set.Values.Where(v => v.IsAvailable), v => Assert.True(double.IsFinite(v.Value!.Value)));
        Assert.Contains("omega unavailable", Assert.Throws<InvalidOperationException>(set.ToVector).Message);
    }

    [Fact]
    public void SpecAloneGivesShapeButNotOverlap()
    {
        var structure = Fast.Value;
        var set = DescriptorCalculator.Calculate(structure.Grid, particles: [], structure.Spec);
        Assert.False(set[DescriptorId.OverlapFactor].IsAvailable);
        Assert.Equal(6.5 / 3.9, set[DescriptorId.Eccentricity].Value!.Value, 12);
        Assert.True(set[DescriptorId.AnisotropyA2].IsAvailable);
    }

    [Fact]
    public void BenchmarkTimesEachStage()
    {
        var structure = Fast.Value;
        var report = DescriptorBenchmark.Run(structure.Grid, structure.Particles, structure.Spec, repetitions: 1);
        Assert.Equal(64, report.Nx);
        Assert.True(report.DistanceMapSeconds > 0 && report.PoreSizeSeconds > 0 && report.TotalSeconds > 0);
        Assert.True(report.Descriptors.IsComplete);
    }
}

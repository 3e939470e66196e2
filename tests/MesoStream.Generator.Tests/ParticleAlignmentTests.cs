using MesoStream.Contracts.Specs;
using MesoStream.Generator.Packing;

namespace MesoStream.Generator.Tests;

public sealed class ParticleAlignmentTests
{
    [Theory]
    [InlineData(8, 3, 3, 0.1, AlignmentClass.ZAligned)] // rods, first (long) axis near z
    [InlineData(8, 3, 3, 50, AlignmentClass.Perpendicular)] // rods lying in the x–y plane
    [InlineData(5, 8, 2, 0.2, AlignmentClass.ZAligned)] // bladed, intermediate first: the long axes follow it
    [InlineData(2, 6, 6, 0.1, AlignmentClass.Perpendicular)] // platelets whose normal is near z lie flat
    [InlineData(2, 6, 6, 50, AlignmentClass.ZAligned)] // platelets whose normal lies in the plane stand up
    [InlineData(8, 3, 3, 1, AlignmentClass.Random)] // a1 between 0.5 and 2: close to isotropic
    [InlineData(4, 4, 3, 0.1, AlignmentClass.Random)] // near-equant (L/S < 1.5): nothing to align
    public void TheClassFollowsWhereTheLongAxesPoint(double a, double b, double c, double a1, AlignmentClass expected) =>
        Assert.Equal(expected, ParticleAlignment.Classify(new ActiveMaterialSpec(0.6, new SemiAxes(a, b, c), a1, 1)));
}

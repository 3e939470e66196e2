using MesoStream.Contracts.Specs;

namespace MesoStream.Generator.Tests;

internal static class TestSpecs
{
    public static StructureSpec Make(
        int edge, double activeFraction, SemiAxes axes, double a1 = 1, double a2 = 1,
        double binderFraction = 0.07, double omega = 0.5, long seed = 1)
    {
        var spec = new StructureSpec(
            string.Empty,
            seed,
            new GridSpec(edge, edge, edge, 1.0),
            new ActiveMaterialSpec(activeFraction, axes, a1, a2),
            new BinderSpec(binderFraction, omega));
        return spec with { Id = spec.ContentId() };
    }

    /// <summary>Closed-form overlap factor of a Boolean model at volume fraction vf: 1 − μe^(−μ)/(1 − e^(−μ)), vf = 1 − e^(−μ).</summary>
    public static double BooleanOverlap(double vf)
    {
        var mu = -Math.Log(1 - vf);
        return 1 - mu * Math.Exp(-mu) / (1 - Math.Exp(-mu));
    }
}

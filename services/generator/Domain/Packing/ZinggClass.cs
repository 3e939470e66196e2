using MesoStream.Contracts.Specs;

namespace MesoStream.Generator.Packing;

/// <summary>
/// Zingg's shape classes of an ellipsoid (paper Fig. 4(a); Zingg 1935; thresholds as settled in docs/methods.md, "Zingg
/// classes"): sort the semi-axes L ≥ I ≥ S; I/L &gt; 2/3 and S/I &gt; 2/3 spherical (equant), I/L &gt; 2/3 and S/I ≤
/// 2/3 oblate, I/L ≤ 2/3 and S/I &gt; 2/3 prolate, both ≤ 2/3 bladed.
/// </summary>
public enum ZinggClass
{
    Spherical,
    Oblate,
    Prolate,
    Bladed,
}

public static class ZinggClassifier
{
    private const double Threshold = 2.0 / 3.0;

    public static ZinggClass Classify(SemiAxes axes)
    {
        Span<double> sorted = [axes.A, axes.B, axes.C];
        sorted.Sort();
        var (s, i, l) = (sorted[0], sorted[1], sorted[2]);
        var equantTop = i / l > Threshold;
        var equantBottom = s / i > Threshold;
        return (equantTop, equantBottom) switch
        {
            (true, true) => ZinggClass.Spherical,
            (true, false) => ZinggClass.Oblate,
            (false, true) => ZinggClass.Prolate,
            _ => ZinggClass.Bladed,
        };
    }
}

using MesoStream.Contracts.Vocabulary;
using MesoStream.Generator.Packing;
using MesoStream.Trainer.Metrics;

namespace MesoStream.Cli.Report;

/// <summary>
/// The quantities the report's figures and its paper comparison share: Bruggeman exponents by alignment class and
/// direction (paper Fig. 3), by Zingg class for randomly aligned particles (Fig. 4b), and the randomly aligned
/// structures' τ(ε) and σ(v_AM) that normalise τ and σ in Fig. 7(b, c).
/// </summary>
internal static class StudyAnalysis
{
    public static readonly string[] Axes = ["x", "y", "z"];

    public static double Tau(StudyRow row, int axis) => row.Data[EffectiveProperties.Tortuosity(axis).Id];

    public static double Sigma(StudyRow row, int axis) => row.Data[EffectiveProperties.Conductivity(axis).Id];

    public static IEnumerable<StudyRow> Of(IEnumerable<StudyRow> rows, AlignmentClass alignment) => rows.Where(r => r.Alignment == alignment);

    /// <summary>α of τ_axis = ε^(−α) over the class's structures at ε ≥ 0.3 (<see cref="BruggemanFit"/>).</summary>
    public static BruggemanFit? Bruggeman(IEnumerable<StudyRow> rows, AlignmentClass alignment, int axis) =>
        BruggemanFit.Fit(Of(rows, alignment).Select(r => (r.Porosity, Tau(r, axis))));

    /// <summary>α over the three directions of randomly aligned structures of one Zingg class (paper Fig. 4b).</summary>
    public static BruggemanFit? BruggemanOfShape(IEnumerable<StudyRow> rows, ZinggClass shape) =>
        BruggemanFit.Fit(Of(rows, AlignmentClass.Random).Where(r => r.Shape == shape)
            .SelectMany(r => Enumerable.Range(0, 3).Select(axis => (r.Porosity, Tau(r, axis)))));

    /// <summary>
    /// The randomly aligned structures' τ(ε) = ε^(−α), α fitted over all three directions and every porosity — the
    /// reference Fig. 7(b) divides by; null without three usable points.
    /// </summary>
    public static Func<double, double>? RandomTau(IReadOnlyList<StudyRow> rows)
    {
        var fit = BruggemanFit.Fit(Of(rows, AlignmentClass.Random).SelectMany(r => Enumerable.Range(0, 3).Select(axis => (r.Porosity, Tau(r, axis)))), minPorosity: 0);
        return fit is null ? null : porosity => Math.Pow(porosity, -fit.Exponent);
    }

    /// <summary>
    /// The randomly aligned structures' σ(v_AM) = k·v_AM^m, a least-squares line in ln–ln over all three directions with
    /// σ &gt; 0 — the reference Fig. 7(c) divides by; null without three usable points.
    /// </summary>
    public static Func<double, double>? RandomSigma(IReadOnlyList<StudyRow> rows)
    {
        var points = Of(rows, AlignmentClass.Random)
            .SelectMany(r => Enumerable.Range(0, 3).Select(axis => (V: r.Data.ActiveFraction, S: Sigma(r, axis))))
            .Where(p => p.S > 0 && p.V > 0).ToArray();
        if (points.Length < 3 || points.Select(p => p.V).Distinct().Count() < 2)
        {
            return null;
        }

        var (intercept, slope) = MathNet.Numerics.Fit.Line([.. points.Select(p => Math.Log(p.V))], [.. points.Select(p => Math.Log(p.S))]);
        return v => Math.Exp(intercept) * Math.Pow(v, slope);
    }

    /// <summary>Mean σ_z / mean of σ_x and σ_y over a class's structures above the median v_AM (the paper's "at high volume fractions", Fig. 5).</summary>
    public static double? ThroughPlaneConductivityRatio(IReadOnlyList<StudyRow> rows, AlignmentClass alignment)
    {
        var members = Of(rows, alignment).ToArray();
        if (members.Length < 4)
        {
            return null;
        }

        double median = members.Select(r => r.Data.ActiveFraction).Order().ElementAt(members.Length / 2);
        var dense = members.Where(r => r.Data.ActiveFraction >= median).ToArray();
        double inPlane = dense.Average(r => (r.Data.SigmaX + r.Data.SigmaY) / 2);
        return inPlane > 0 ? dense.Average(r => r.Data.SigmaZ) / inPlane : null;
    }
}

using MesoStream.Generator.Packing;
using MesoStream.Trainer.Metrics;
using MesoStream.Trainer.Reporting;
using ScottPlot;
using static MesoStream.Cli.Report.FigureStyle;

namespace MesoStream.Cli.Report;

/// <summary>
/// The paper's figures of how alignment and shape set τ, σ and a: Fig. 3 (τ vs ε on a log axis per alignment class,
/// with the fitted Bruggeman exponent per direction), Fig. 4(b) (τ vs ε by Zingg class, randomly aligned), Fig. 5 (σ vs
/// v_AM per alignment class), Fig. 6(a) (σ vs overlap γ) and Fig. 7(b, c) (a01 vs τ_z and σ_z normalised by the
/// randomly aligned structures' τ(ε) and σ(v_AM)). Non-percolating directions (τ = ∞, σ = 0) are left out and counted.
/// </summary>
internal static class TransportFigures
{
    private static readonly (AlignmentClass Class, string Name, string Panel)[] Classes =
    [
        (AlignmentClass.ZAligned, "long axes along z", "a"),
        (AlignmentClass.Random, "random alignment", "b"),
        (AlignmentClass.Perpendicular, "long axes across z", "c"),
    ];

    /// <summary>The figures by the report's sections.</summary>
    public sealed record Sections(IReadOnlyList<Figure> Tortuosity, IReadOnlyList<Figure> Conductivity, IReadOnlyList<Figure> Area);

    public static Sections Write(IReadOnlyList<StudyRow> rows, string directory)
    {
        var tortuosity = new List<Figure>();
        foreach (var (alignment, name, panel) in Classes)
        {
            tortuosity.Add(Save(TortuosityOfClass(rows, alignment, name), directory, $"fig3{panel}-tau-{alignment.ToString().ToLowerInvariant()}.png",
                $"Fig. 3({panel}): τ vs porosity, {name} ({StudyAnalysis.Of(rows, alignment).Count()} structures), log axis; α fitted at ε ≥ 0.3"));
        }

        tortuosity.Add(Save(TortuosityByShape(rows), directory, "fig4b-tau-by-shape.png",
            "Fig. 4(b): τ (all three directions) vs porosity by Zingg class, randomly aligned particles; α per class at ε ≥ 0.3"));
        var conductivity = new List<Figure>();
        foreach (var (alignment, name, panel) in Classes)
        {
            conductivity.Add(Save(ConductivityOfClass(rows, alignment, name), directory, $"fig5{panel}-sigma-{alignment.ToString().ToLowerInvariant()}.png",
                $"Fig. 5({panel}): σ vs v_AM, {name}"));
        }

        conductivity.Add(Save(ConductivityVsOverlap(rows), directory, "fig6a-sigma-vs-overlap.png", "Fig. 6(a): mean σ of the three directions vs the overlap factor γ, by Zingg class"));
        var area = new List<Figure>();
        if (StudyAnalysis.RandomTau(rows) is { } tauReference)
        {
            var powerLaw = rows.Where(r => r.Porosity >= BruggemanFit.PaperMinPorosity).ToArray();
            area.Add(Save(AreaVsNormalised(powerLaw, r => StudyAnalysis.Tau(r, 2) / tauReference(r.Porosity), "τ_z / τ_random(ε), ε ≥ 0.3", logarithmic: true), directory, "fig7b-area-vs-normalised-tau.png",
                "Fig. 7(b): pore–AM area a01 vs τ_z normalised by the randomly aligned structures' Bruggeman fit τ = ε^(−α) at the same porosity (ε ≥ 0.3, where the power law holds; log axis)"));
        }

        if (StudyAnalysis.RandomSigma(rows) is { } sigmaReference)
        {
            area.Add(Save(AreaVsNormalised(rows, r => StudyAnalysis.Sigma(r, 2) / sigmaReference(r.Data.ActiveFraction), "σ_z / σ_random(v_AM)", logarithmic: false), directory, "fig7c-area-vs-normalised-sigma.png",
                "Fig. 7(c): a01 vs σ_z normalised by the randomly aligned structures' power-law fit σ = k·v_AM^m at the same v_AM"));
        }

        return new Sections(tortuosity, conductivity, area);
    }

    private static Plot TortuosityOfClass(IReadOnlyList<StudyRow> rows, AlignmentClass alignment, string name)
    {
        var plot = NewPlot();
        var members = StudyAnalysis.Of(rows, alignment).ToArray();
        int excluded = 0;
        for (int axis = 0; axis < 3; axis++)
        {
            var finite = members.Where(r => double.IsFinite(StudyAnalysis.Tau(r, axis))).ToArray();
            excluded += members.Length - finite.Length;
            var fit = StudyAnalysis.Bruggeman(rows, alignment, axis);
            string label = $"τ{StudyAnalysis.Axes[axis]}" + (fit is null ? "" : $", α = {Format(fit.Exponent)} ± {Format(fit.StandardError)}");
            Points(plot, finite.Select(r => r.Porosity), LogScale.Of(finite.Select(r => StudyAnalysis.Tau(r, axis))), label, Category(axis));
            if (fit is not null)
            {
                Curve(plot, finite.Select(r => r.Porosity), fit.Exponent, Category(axis), LinePattern.Solid, null);
            }
        }

        BruggemanReferences(plot, members.Select(r => r.Porosity));
        plot.Title(excluded > 0 ? $"τ vs ε, {name} ({excluded} non-percolating directions not shown)" : $"τ vs ε, {name}");
        plot.XLabel("porosity ε");
        plot.YLabel("tortuosity factor τ (log scale)");
        LogScale.Apply(plot.Axes.Left);
        plot.ShowLegend(Alignment.UpperRight);
        return plot;
    }

    private static Plot TortuosityByShape(IReadOnlyList<StudyRow> rows)
    {
        var plot = NewPlot();
        var random = StudyAnalysis.Of(rows, AlignmentClass.Random).ToArray();
        foreach (var shape in Enum.GetValues<ZinggClass>())
        {
            var points = random.Where(r => r.Shape == shape)
                .SelectMany(r => Enumerable.Range(0, 3).Select(axis => (r.Porosity, Tau: StudyAnalysis.Tau(r, axis))))
                .Where(p => double.IsFinite(p.Tau)).ToArray();
            var fit = StudyAnalysis.BruggemanOfShape(rows, shape);
            Points(plot, points.Select(p => p.Porosity), LogScale.Of(points.Select(p => p.Tau)),
                $"{shape}" + (fit is null ? "" : $", α = {Format(fit.Exponent)}"), Category((int)shape), 4);
        }

        BruggemanReferences(plot, random.Select(r => r.Porosity));
        plot.Title("τ vs ε by particle shape (randomly aligned)");
        plot.XLabel("porosity ε");
        plot.YLabel("tortuosity factor τ (log scale)");
        LogScale.Apply(plot.Axes.Left);
        plot.ShowLegend(Alignment.UpperRight);
        return plot;
    }

    private static Plot ConductivityOfClass(IReadOnlyList<StudyRow> rows, AlignmentClass alignment, string name)
    {
        var plot = NewPlot();
        var members = StudyAnalysis.Of(rows, alignment).ToArray();
        for (int axis = 0; axis < 3; axis++)
        {
            Points(plot, members.Select(r => r.Data.ActiveFraction), members.Select(r => StudyAnalysis.Sigma(r, axis)), $"σ{StudyAnalysis.Axes[axis]}", Category(axis));
        }

        plot.Title($"σ vs v_AM, {name} ({members.Length} structures)");
        plot.XLabel("AM volume fraction v_AM");
        plot.YLabel("σ_eff / σ_AM");
        plot.ShowLegend(Alignment.UpperLeft);
        return plot;
    }

    private static Plot ConductivityVsOverlap(IReadOnlyList<StudyRow> rows)
    {
        var plot = NewPlot();
        foreach (var shape in Enum.GetValues<ZinggClass>())
        {
            var members = rows.Where(r => r.Shape == shape).ToArray();
            Points(plot, members.Select(r => r.Data.Gamma), members.Select(r => (r.Data.SigmaX + r.Data.SigmaY + r.Data.SigmaZ) / 3), $"{shape} ({members.Length})", Category((int)shape));
        }

        plot.Title("σ vs overlap factor γ");
        plot.XLabel("overlap factor γ");
        plot.YLabel("mean σ_eff / σ_AM of x, y, z");
        plot.ShowLegend(Alignment.UpperLeft);
        return plot;
    }

    private static Plot AreaVsNormalised(IReadOnlyList<StudyRow> rows, Func<StudyRow, double> normalised, string label, bool logarithmic)
    {
        var plot = NewPlot();
        Func<double, double> x = logarithmic ? Math.Log10 : v => v;
        foreach (var (alignment, name, _) in Classes)
        {
            var members = StudyAnalysis.Of(rows, alignment).Where(r => double.IsFinite(normalised(r)) && normalised(r) > 0).ToArray();
            Points(plot, members.Select(r => x(normalised(r))), members.Select(r => r.Data.A01 / 1e3), $"{name} ({members.Length})", Category((int)alignment));
        }

        plot.Add.VerticalLine(x(1), pattern: LinePattern.Dashed, color: Colors.Black);
        if (logarithmic)
        {
            // A ratio spans less than two decades here: label 1-2-5 steps rather than decades alone.
            double[] steps = [0.1, 0.2, 0.5, 1, 2, 5, 10, 20, 50, 100];
            plot.Axes.Bottom.SetTicks([.. steps.Select(Math.Log10)], [.. steps.Select(v => Format(v, "G3"))]);
        }

        plot.Title($"pore–AM area vs {label}");
        plot.XLabel(label);
        plot.YLabel("a01 (10³ m²/m³)");
        plot.ShowLegend(Alignment.UpperRight);
        return plot;
    }

    private static void BruggemanReferences(Plot plot, IEnumerable<double> porosities)
    {
        foreach (var (alpha, index) in new[] { (0.5, 7), (1.0, 8), (1.5, 9) })
        {
            Curve(plot, porosities, alpha, Category(index), LinePattern.Dashed, $"Bruggeman α = {alpha}");
        }
    }

    private static void Curve(Plot plot, IEnumerable<double> porosities, double alpha, Color color, LinePattern pattern, string? legend)
    {
        var range = porosities.DefaultIfEmpty(0.3).ToArray();
        double low = Math.Max(0.05, range.Min() - 0.01), high = Math.Min(0.99, range.Max() + 0.01);
        var eps = Enumerable.Range(0, 40).Select(i => low + ((high - low) * i / 39)).ToArray();
        var line = plot.Add.ScatterLine(eps, LogScale.Of(eps.Select(e => Math.Pow(e, -alpha))));
        line.Color = color;
        line.LinePattern = pattern;
        line.LegendText = legend ?? string.Empty;
    }
}

using MesoStream.Contracts.Models;
using MesoStream.Trainer.Dataset;
using ScottPlot;

namespace MesoStream.Trainer.Reporting;

/// <summary>
/// The paper's figures that a campaign's dataset supports, as PNG: τ vs porosity with Bruggeman curves τ = ε^(−α) for
/// α = 0.5, 1, 1.5 on a log axis (Eq. 7, Fig. 3); σ vs v_AM (Fig. 6b); the τ–σ trade-off (Fig. 6c); the pore–AM specific surface a01 vs
/// the ideal 3·v_AM/R_eq of non-overlapping spheres (Eq. 8, Fig. 7a/8b). Porosity is ε = 1 − v_AM − v_s.
/// Non-percolating directions (τ = +∞) are left out of the τ plots and counted in their titles.
/// </summary>
public static class DatasetFigures
{
    private const int Width = 720;
    private const int Height = 520;

    public static IReadOnlyList<(string File, string Caption)> Write(IReadOnlyList<DatasetRecord> rows, string directory)
    {
        Directory.CreateDirectory(directory);
        var written = new List<(string, string)>
        {
            Save(TortuosityVsPorosity(rows), directory, "tau-vs-porosity.png", "Tortuosity factor vs porosity with Bruggeman's law for α = 0.5, 1, 1.5 (paper Fig. 3)"),
            Save(ConductivityVsActiveFraction(rows), directory, "sigma-vs-vam.png", "Normalized electronic conductivity vs AM volume fraction (paper Fig. 6b)"),
            Save(TradeOff(rows), directory, "tau-vs-sigma.png", "Tortuosity vs conductivity trade-off (paper Fig. 6c)"),
            Save(SurfaceVsIdeal(rows), directory, "ssa-vs-ideal.png", "Pore–AM specific surface a01 vs the ideal 3·v_AM/R_eq (paper Fig. 7a/8b)"),
        };
        return written;
    }

    private static double Porosity(DatasetRecord r) => 1 - r.ActiveFraction - r.BinderFraction;

    private static Plot TortuosityVsPorosity(IReadOnlyList<DatasetRecord> rows)
    {
        var plot = PlotFont.NewPlot();
        int excluded = 0;
        foreach (var (name, get) in new (string, Func<DatasetRecord, double>)[] { ("τx", r => r.TauX), ("τy", r => r.TauY), ("τz", r => r.TauZ) })
        {
            var finite = rows.Where(r => double.IsFinite(get(r))).ToArray();
            excluded += rows.Count - finite.Length;
            Points(plot, finite.Select(Porosity), LogScale.Of(finite.Select(get)), name);
        }

        double low = Math.Max(0.05, rows.Min(Porosity) - 0.02), high = Math.Min(1, rows.Max(Porosity) + 0.02);
        var eps = Enumerable.Range(0, 50).Select(i => low + (high - low) * i / 49).ToArray();
        foreach (var alpha in new[] { 0.5, 1.0, 1.5 })
        {
            var curve = plot.Add.ScatterLine(eps, LogScale.Of(eps.Select(e => Math.Pow(e, -alpha))));
            curve.LegendText = $"Bruggeman α = {alpha}";
            curve.LinePattern = LinePattern.Dashed;
        }

        plot.Title(excluded > 0 ? $"τ vs porosity ({excluded} non-percolating directions not shown)" : "τ vs porosity");
        plot.XLabel("porosity ε");
        plot.YLabel("tortuosity factor τ (log scale)");
        LogScale.Apply(plot.Axes.Left);
        plot.ShowLegend();
        return plot;
    }

    private static Plot ConductivityVsActiveFraction(IReadOnlyList<DatasetRecord> rows)
    {
        var plot = PlotFont.NewPlot();
        foreach (var (name, get) in new (string, Func<DatasetRecord, double>)[] { ("σx", r => r.SigmaX), ("σy", r => r.SigmaY), ("σz", r => r.SigmaZ) })
        {
            Points(plot, rows.Select(r => r.ActiveFraction), rows.Select(get), name);
        }

        plot.Title("normalized electronic conductivity vs v_AM");
        plot.XLabel("AM volume fraction v_AM");
        plot.YLabel("σ_eff / σ_AM");
        plot.ShowLegend();
        return plot;
    }

    private static Plot TradeOff(IReadOnlyList<DatasetRecord> rows)
    {
        var plot = PlotFont.NewPlot();
        foreach (var (name, tau, sigma) in new (string, Func<DatasetRecord, double>, Func<DatasetRecord, double>)[]
                 { ("x", r => r.TauX, r => r.SigmaX), ("y", r => r.TauY, r => r.SigmaY), ("z", r => r.TauZ, r => r.SigmaZ) })
        {
            var finite = rows.Where(r => double.IsFinite(tau(r))).ToArray();
            Points(plot, finite.Select(sigma), finite.Select(tau), name);
        }

        plot.Title("tortuosity vs conductivity per direction (low τ and high σ are both wanted)");
        plot.XLabel("σ_eff / σ_AM");
        plot.YLabel("τ");
        plot.ShowLegend();
        return plot;
    }

    private static Plot SurfaceVsIdeal(IReadOnlyList<DatasetRecord> rows)
    {
        var plot = PlotFont.NewPlot();
        Points(plot, rows.Select(r => r.ActiveFraction), rows.Select(r => r.A01), "a01 (pore–AM), simulated");
        Points(plot, rows.Select(r => r.ActiveFraction), rows.Select(r => 3 * r.ActiveFraction / (r.EquivalentRadiusUm * 1e-6)), "3·v_AM/R_eq (ideal spheres)")
            .MarkerShape = MarkerShape.OpenCircle;
        plot.Title("specific surface vs the ideal of non-overlapping spheres");
        plot.XLabel("AM volume fraction v_AM");
        plot.YLabel("area per volume (1/m)");
        plot.ShowLegend();
        return plot;
    }

    private static ScottPlot.Plottables.Scatter Points(Plot plot, IEnumerable<double> x, IEnumerable<double> y, string legend)
    {
        var points = plot.Add.ScatterPoints(x.ToArray(), y.ToArray());
        points.LegendText = legend;
        points.MarkerSize = 6;
        return points;
    }

    private static (string, string) Save(Plot plot, string directory, string name, string caption)
    {
        plot.SavePng(Path.Combine(directory, name), Width, Height);
        return (name, caption);
    }
}

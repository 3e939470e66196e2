using ScottPlot;

using MesoStream.Predictor.Screening;
using MesoStream.Trainer.Reporting;

namespace MesoStream.Cli.Rendering;

/// <summary>Paper Fig. 6c as a PNG: every screened design in τ–σ, the Pareto front drawn through its designs.</summary>
public static class ScreeningPlot
{
    public static void Write(IReadOnlyList<ScreeningPoint> points, IReadOnlyList<ScreeningPoint> front, string path, string title)
    {
        var plot = PlotFont.NewPlot();
        var all = plot.Add.ScatterPoints(points.Select(p => p.Tortuosity).ToArray(), points.Select(p => p.Conductivity).ToArray());
        all.MarkerSize = 4;
        all.Color = Colors.Gray;
        all.LegendText = $"{points.Count} candidate designs";
        var line = plot.Add.Scatter(front.Select(p => p.Tortuosity).ToArray(), front.Select(p => p.Conductivity).ToArray());
        line.MarkerSize = 7;
        line.Color = Colors.Red;
        line.LegendText = $"Pareto front ({front.Count}: low τ, high σ)";
        plot.ShowLegend(Alignment.LowerRight);
        plot.Title(title);
        plot.XLabel("tortuosity factor τ (predicted)");
        plot.YLabel("normalized conductivity σ (predicted)");
        plot.SavePng(path, 800, 600);
    }
}

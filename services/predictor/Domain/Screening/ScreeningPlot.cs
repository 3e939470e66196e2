using ScottPlot;

namespace MesoStream.Predictor.Screening;

/// <summary>Paper Fig. 6c as a PNG: every screened design in τ–σ, the Pareto front drawn through its designs.</summary>
public static class ScreeningPlot
{
    private const string FontName = "MesoStream Sans";

    /// <summary>
    /// The Skia build we ship (NativeAssets.Linux.NoDependencies) has no fontconfig, so fonts cannot be found by family
    /// name and every label comes out blank; registering a TrueType file by path gives the plot a typeface to draw with.
    /// </summary>
    private static readonly bool HasFontFile = RegisterFontFile();

    public static void Write(IReadOnlyList<ScreeningPoint> points, IReadOnlyList<ScreeningPoint> front, string path, string title)
    {
        var plot = new Plot();
        if (HasFontFile)
        {
            plot.Font.Set(FontName);
        }

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

    private static bool RegisterFontFile()
    {
        var file = Directory.Exists("/usr/share/fonts")
            ? Directory.EnumerateFiles("/usr/share/fonts", "*.ttf", SearchOption.AllDirectories)
                .OrderBy(f => Path.GetFileName(f) == "DejaVuSans.ttf" ? 0 : 1).FirstOrDefault()
            : null;
        if (file is null)
        {
            return false;
        }

        Fonts.AddFontFile(FontName, file);
        return true;
    }
}

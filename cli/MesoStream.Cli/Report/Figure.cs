using System.Globalization;
using MesoStream.Trainer.Reporting;
using ScottPlot;

namespace MesoStream.Cli.Report;

/// <summary>A figure of the study report: its PNG file name (in the report's figures folder) and caption.</summary>
internal sealed record Figure(string File, string Caption);

/// <summary>How the report's figures look and are written: one size, the shipped font, colours by class or by value bin.</summary>
internal static class FigureStyle
{
    public const int Width = 640;
    public const int Height = 480;

    public static Plot NewPlot() => PlotFont.NewPlot();

    public static Color Category(int index) => new ScottPlot.Palettes.Category10().GetColor(index);

    public static Figure Save(Plot plot, string directory, string file, string caption)
    {
        plot.SavePng(Path.Combine(directory, file), Width, Height);
        return new Figure(file, caption);
    }

    public static ScottPlot.Plottables.Scatter Points(Plot plot, IEnumerable<double> x, IEnumerable<double> y, string legend, Color color, float size = 5)
    {
        var points = plot.Add.ScatterPoints(x.ToArray(), y.ToArray());
        points.LegendText = legend;
        points.MarkerSize = size;
        points.Color = color;
        return points;
    }

    /// <summary>
    /// A scatter coloured by a third quantity: the points fall into <paramref name="bins"/> quantile bins of
    /// <paramref name="value"/>, each drawn in one colour of a sequential map (viridis) and named by its value range —
    /// a colour-mapped scatter (paper Fig. 2) a reader can read off without a colour bar.
    /// </summary>
    public static void ColouredBy<T>(Plot plot, IReadOnlyList<T> items, Func<T, double> x, Func<T, double> y, Func<T, double> value, string valueName, int bins = 5)
    {
        var sorted = items.Where(i => double.IsFinite(x(i)) && double.IsFinite(y(i)) && double.IsFinite(value(i))).OrderBy(value).ToArray();
        if (sorted.Length == 0)
        {
            return;
        }

        var colormap = new ScottPlot.Colormaps.Viridis();
        bins = Math.Min(bins, sorted.Length);
        for (int b = 0; b < bins; b++)
        {
            var bin = sorted[(b * sorted.Length / bins)..((b + 1) * sorted.Length / bins)];
            if (bin.Length == 0)
            {
                continue;
            }

            string range = string.Create(CultureInfo.InvariantCulture, $"{valueName} {value(bin[0]):G3}–{value(bin[^1]):G3}");
            Points(plot, bin.Select(x), bin.Select(y), range, colormap.GetColor(bins == 1 ? 0.5 : (double)b / (bins - 1)));
        }
    }

    public static string Format(double value, string format = "F2") => value.ToString(format, CultureInfo.InvariantCulture);
}

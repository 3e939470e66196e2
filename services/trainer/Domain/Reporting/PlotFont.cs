using ScottPlot;

namespace MesoStream.Trainer.Reporting;

/// <summary>
/// New ScottPlot plots that draw their text with DejaVu Sans, shipped next to this assembly (Reporting/Fonts, with its
/// licence). The Skia build we use (NativeAssets.Linux.NoDependencies) has no fontconfig, so fonts cannot be found by
/// family name and every title, label and tick would come out blank; a font registered by file path always works,
/// and shipping the file makes the figures the same on a bare machine. DejaVu covers the Greek and superscripts we use
/// (τ, σ, ε, R²).
/// </summary>
public static class PlotFont
{
    private const string Name = "MesoStream Sans";

    private static readonly Lazy<bool> Registered = new(() =>
    {
        var file = Path.Combine(AppContext.BaseDirectory, "Fonts", "DejaVuSans.ttf");
        if (!File.Exists(file))
        {
            return false;
        }

        Fonts.AddFontFile(Name, file);
        return true;
    });

    /// <summary>True when the shipped font file was found (it is copied to every build output that references this library).</summary>
    public static bool Available => Registered.Value;

    public static Plot NewPlot()
    {
        var plot = new Plot();
        if (Available)
        {
            plot.Font.Set(Name);
        }

        return plot;
    }
}

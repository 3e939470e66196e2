using MesoStream.Generator.Packing;
using ScottPlot;
using static MesoStream.Cli.Report.FigureStyle;

namespace MesoStream.Cli.Report;

/// <summary>
/// Where the campaign sampled and what its descriptors measured: the Zingg diagram of the particle shapes (paper
/// Fig. 4(a)) and the descriptor maps of Fig. 2 — γ against v_AM by particle size, eccentricity, rectangularity and
/// sphericity over the Zingg plane, and the mean pore size against porosity by particle size. D9 is the c-PSD mean
/// pore <em>radius</em> to the nearest solid (AM or binder) voxel (docs/methods.md); the paper's Fiji c-PSD reports to the
/// AM interface, so its values are not directly comparable.
/// </summary>
internal static class DesignFigures
{
    private const double ZinggThreshold = 2.0 / 3.0;

    public static IReadOnlyList<Figure> Write(IReadOnlyList<StudyRow> rows, string directory) =>
    [
        Save(Zingg(rows), directory, "fig4a-zingg.png", "Fig. 4(a): the campaign's particle shapes on Zingg's diagram (semi-axes L ≥ I ≥ S; class boundaries at 2/3)"),
        Save(Map(rows, r => r.Data.ActiveFraction, r => r.Data.Gamma, r => r.Data.EquivalentRadiusUm, "R_eq µm", "AM volume fraction v_AM", "overlap factor γ", "Fig. 2(a): overlap γ vs v_AM by particle size"),
            directory, "fig2a-overlap.png", "Fig. 2(a): overlap factor γ vs v_AM, coloured by equivalent radius"),
        Save(ShapeMap(rows, r => r.Data.Eccentricity, "eccentricity", "Fig. 2(c): eccentricity over the Zingg plane"), directory, "fig2c-eccentricity.png",
            "Fig. 2(c): eccentricity a/c (D6) over the Zingg plane"),
        Save(ShapeMap(rows, r => r.Data.Rectangularity, "rectangularity", "Fig. 2(d): rectangularity over the Zingg plane"), directory, "fig2d-rectangularity.png",
            "Fig. 2(d): rectangularity S/S_cuboid (D7) over the Zingg plane"),
        Save(ShapeMap(rows, r => r.Data.Sphericity, "sphericity", "Fig. 2(e): sphericity over the Zingg plane"), directory, "fig2e-sphericity.png",
            "Fig. 2(e): sphericity ψ (D8) over the Zingg plane"),
        Save(Map(rows, r => r.Porosity, r => r.Data.MeanPoreRadiusUm, r => r.Data.EquivalentRadiusUm, "R_eq µm", "porosity ε", "mean pore radius (µm, to AM or binder)", "Fig. 2(f): mean pore radius vs ε by particle size"),
            directory, "fig2f-mean-pore-radius.png", "Fig. 2(f): mean pore radius (D9, c-PSD radius to the nearest AM or binder voxel) vs porosity, coloured by equivalent radius"),
    ];

    private static Plot Zingg(IReadOnlyList<StudyRow> rows)
    {
        var plot = NewPlot();
        foreach (var shape in Enum.GetValues<ZinggClass>())
        {
            var members = rows.Where(r => r.Shape == shape).ToArray();
            Points(plot, members.Select(r => r.ZinggRatios.IOverL), members.Select(r => r.ZinggRatios.SOverI), $"{shape} ({members.Length})", Category((int)shape));
        }

        plot.Add.VerticalLine(ZinggThreshold, pattern: LinePattern.Dashed, color: Colors.Black);
        plot.Add.HorizontalLine(ZinggThreshold, pattern: LinePattern.Dashed, color: Colors.Black);
        plot.Axes.SetLimits(0, 1.05, 0, 1.05);
        plot.Title("Zingg diagram of the particle shapes");
        plot.XLabel("I / L (elongation)");
        plot.YLabel("S / I (flatness)");
        plot.ShowLegend(Alignment.LowerLeft);
        return plot;
    }

    private static Plot ShapeMap(IReadOnlyList<StudyRow> rows, Func<StudyRow, double> value, string name, string title) =>
        Map(rows, r => r.ZinggRatios.IOverL, r => r.ZinggRatios.SOverI, value, name, "I / L", "S / I", title);

    private static Plot Map(IReadOnlyList<StudyRow> rows, Func<StudyRow, double> x, Func<StudyRow, double> y, Func<StudyRow, double> value, string valueName, string xLabel, string yLabel, string title)
    {
        var plot = NewPlot();
        ColouredBy(plot, rows, x, y, value, valueName);
        plot.Title(title);
        plot.XLabel(xLabel);
        plot.YLabel(yLabel);
        plot.ShowLegend(Alignment.UpperRight);
        return plot;
    }
}

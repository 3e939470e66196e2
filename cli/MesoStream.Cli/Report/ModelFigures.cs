using MesoStream.Contracts.Models;
using MesoStream.Contracts.Vocabulary;
using MesoStream.Modelling.Featurization;
using MesoStream.Trainer.Dataset;
using MesoStream.Trainer.Features;
using ScottPlot;
using static MesoStream.Cli.Report.FigureStyle;

namespace MesoStream.Cli.Report;

/// <summary>
/// The machine-learning figures a trained version supports beyond the per-target ones the trainer draws: the binarised
/// correlation map of the 99 base features (paper Fig. 9, |r| &gt; 0.9 → 1), the top three importances of each target
/// as shares of the boosted model's total split gain (Fig. 13), and the learning curve of the served models.
/// </summary>
internal static class ModelFigures
{
    /// <summary>The trainer's filter threshold (Step 4): the map shows which pairs it treats as redundant.</summary>
    private const double CorrelationThreshold = CorrelationFilter.DefaultThreshold;

    public static IReadOnlyList<Figure> Write(IReadOnlyList<DatasetRecord> rows, ModelArtifact artifact, string directory)
    {
        var figures = new List<Figure>
        {
            Save(BinarisedCorrelation(rows, out int correlatedPairs), directory, "fig9-binarised-correlation.png",
                $"Fig. 9: binarised Pearson correlation of the 99 base features (9 transforms × 11 descriptors) over the dataset: |r| > {CorrelationThreshold} in yellow ({correlatedPairs} of {FeatureNames.BaseFeatureCount * (FeatureNames.BaseFeatureCount - 1) / 2} pairs)"),
        };
        if (artifact.Targets.Any(t => t.Report.TopImportances.Count > 0))
        {
            figures.Add(Save(ImportanceShares(artifact), directory, "fig13-importance-shares.png",
                "Fig. 13: the three most important features per target as shares of the boosted model's total split gain"));
        }

        if (artifact.Targets.Any(t => t.Report.LearningCurve is { Count: > 0 }))
        {
            figures.Add(Save(LearningCurve(artifact), directory, "learning-curve.png",
                "Learning curve: the served model's test R² (mean ± sd over split seeds) against the training rows used"));
        }

        return figures;
    }

    private static Plot BinarisedCorrelation(IReadOnlyList<DatasetRecord> rows, out int correlatedPairs)
    {
        int n = FeatureNames.BaseFeatureCount;
        var usable = rows.Where(r => r.Descriptors().All(d => double.IsFinite(d) && d > 0)).ToArray();
        var columns = new double[n][];
        for (int j = 0; j < n; j++)
        {
            columns[j] = new double[usable.Length];
        }

        Span<double> features = stackalloc double[n];
        for (int i = 0; i < usable.Length; i++)
        {
            Featurizer.BaseFeatures(usable[i].Descriptors(), features);
            for (int j = 0; j < n; j++)
            {
                columns[j][i] = features[j];
            }
        }

        var map = new double[n, n];
        correlatedPairs = 0;
        for (int a = 0; a < n; a++)
        {
            for (int b = a; b < n; b++)
            {
                double r = usable.Length > 2 ? MathNet.Numerics.Statistics.Correlation.Pearson(columns[a], columns[b]) : double.NaN;
                double cell = a == b || Math.Abs(r) > CorrelationThreshold ? 1 : 0;
                map[a, b] = cell;
                map[b, a] = cell;
                correlatedPairs += a != b && cell == 1 ? 1 : 0;
            }
        }

        var plot = NewPlot();
        // Row 0 of the heatmap is drawn at the top, at y = n − 1: base feature a sits at x = a and y = n − 1 − a.
        var heatmap = plot.Add.Heatmap(map);
        heatmap.Colormap = new ScottPlot.Colormaps.Viridis();
        var ticks = Enumerable.Range(0, Descriptors.Count).Select(d => (double)((d * FeatureNames.TransformCount) + (FeatureNames.TransformCount / 2))).ToArray();
        plot.Axes.Bottom.SetTicks(ticks, [.. Enumerable.Range(1, Descriptors.Count).Select(d => $"D{d}")]);
        plot.Axes.Left.SetTicks([.. ticks.Select(t => n - 1 - t)], [.. Descriptors.Names.Select((name, d) => $"D{d + 1} {name}")]);
        plot.XLabel("the descriptors' nine transforms each, in the rows' order");
        plot.Title($"|Pearson r| > {CorrelationThreshold} between base features ({usable.Length} structures)");
        return plot;
    }

    private static Plot ImportanceShares(ModelArtifact artifact)
    {
        // Bars run top-down in target order: slot k sits at y = −k, with a gap between targets.
        var plot = NewPlot();
        var labels = new List<string>();
        var positions = new List<double>();
        int slot = 0;
        foreach (var target in artifact.Targets.Where(t => t.Report.TopImportances.Count > 0))
        {
            foreach (var (importance, rank) in target.Report.TopImportances.Take(3).Select((imp, k) => (imp, k)))
            {
                var bar = plot.Add.Bar(position: -slot, value: 100 * importance.Weight);
                bar.Color = Category(rank);
                bar.Horizontal = true;
                positions.Add(-slot);
                labels.Add($"{target.Target}: {importance.Feature}");
                slot++;
            }

            slot++;
        }

        plot.Axes.Left.SetTicks([.. positions], [.. labels]);
        plot.Title("top-3 feature importances (gradient boosting)");
        plot.XLabel("share of the total split gain (%)");
        return plot;
    }

    private static Plot LearningCurve(ModelArtifact artifact)
    {
        var plot = NewPlot();
        int index = 0;
        foreach (var target in artifact.Targets.Where(t => t.Report.LearningCurve is { Count: > 0 }))
        {
            var curve = target.Report.LearningCurve!;
            var color = Category(index++);
            var line = plot.Add.ScatterLine(curve.Select(p => (double)p.Rows).ToArray(), curve.Select(p => p.MeanTestR2).ToArray());
            line.Color = color;
            line.MarkerSize = 5;
            line.LegendText = target.Target;
            foreach (var point in curve)
            {
                var bar = plot.Add.Line(point.Rows, point.MeanTestR2 - point.StdTestR2, point.Rows, point.MeanTestR2 + point.StdTestR2);
                bar.Color = color;
            }
        }

        // Small fractions of a small dataset can score R² far below 0 (one near-percolation τ in a test split of 29); the
        // table beside the figure holds every value, the axis shows the range where the curves are read.
        plot.Axes.SetLimitsY(-1, 1.05);
        plot.Title("learning curve of the served models (R² below −1 off the axis)");
        plot.XLabel("training rows");
        plot.YLabel("test R²");
        plot.ShowLegend(Alignment.LowerRight);
        return plot;
    }
}

using MesoStream.Contracts.Models;
using MesoStream.Modelling.Serving;
using MesoStream.Trainer.Workflow;
using ScottPlot;

namespace MesoStream.Trainer.Reporting;

/// <summary>
/// The paper's per-target figures as PNG (ScottPlot): predicted vs true on the test rows with the y = x line
/// (Fig. 10b–12b) with each test row's conformal interval as a vertical bar, relative error vs true (Fig. 10c–12c), every model's test R² (Fig. 10a–12a) and the boosted model's
/// top feature importances (Fig. 13). Parity and error plots show the served model (the highest test R²).
/// </summary>
public static class TrainingPlots
{
    private const int Width = 640;
    private const int Height = 480;

    /// <summary>Writes the figures of every target into <paramref name="directory"/>; returns the file names written.</summary>
    public static IReadOnlyList<string> Write(TrainingOutcome outcome, string directory)
    {
        Directory.CreateDirectory(directory);
        var written = new List<string>();
        foreach (var (target, training) in outcome.Targets)
        {
            var best = training.Served();
            written.Add(Save(Parity(target, best, training.TestTruth, training.Interval), directory, $"parity-{target}.png"));
            written.Add(Save(RelativeError(target, best, training.TestTruth), directory, $"relative-error-{target}.png"));
            written.Add(Save(ModelComparison(target, training.Result), directory, $"models-{target}.png"));
            if (training.Result.TopImportances.Count > 0)
            {
                written.Add(Save(Importances(target, training.Result), directory, $"importances-{target}.png"));
            }
        }

        return written;
    }

    private static Plot Parity(string target, FittedModel model, double[] truth, ConformalInterval? interval)
    {
        var plot = PlotFont.NewPlot();
        int inside = 0;
        if (interval is not null)
        {
            for (int i = 0; i < truth.Length; i++)
            {
                var (lower, upper) = interval.PropertyBounds(TargetTransform.Identity, model.TestPredictions[i]);
                inside += truth[i] >= lower && truth[i] <= upper ? 1 : 0;
                var bar = plot.Add.Line(truth[i], lower, truth[i], upper);
                bar.Color = Colors.SteelBlue.WithAlpha(0.35);
                bar.LineWidth = 1;
            }
        }

        var points = plot.Add.ScatterPoints(truth, model.TestPredictions);
        points.MarkerSize = 5;
        points.Color = Colors.SteelBlue;
        double low = Math.Min(truth.Min(), model.TestPredictions.Min());
        double high = Math.Max(truth.Max(), model.TestPredictions.Max());
        var identity = plot.Add.Line(low, low, high, high);
        identity.LinePattern = LinePattern.Dashed;
        identity.Color = Colors.Black;
        double pad = 0.05 * (high - low);
        plot.Axes.SetLimits(low - pad, high + pad, low - pad, high + pad);
        plot.Title(interval is null
            ? $"{target}: predicted vs true on the test rows ({Name(model.Kind)})"
            : $"{target}: predicted vs true, {interval.Level:P0} intervals ({Name(model.Kind)}; {inside} of {truth.Length} cover)");
        plot.XLabel($"true {target}");
        plot.YLabel($"predicted {target}");
        return plot;
    }

    private static Plot RelativeError(string target, FittedModel model, double[] truth)
    {
        var plot = PlotFont.NewPlot();
        var kept = Enumerable.Range(0, truth.Length).Where(i => truth[i] != 0).ToArray();
        // Eq. 11 with the paper's sign: (y − ŷ)/y, positive where the model under-predicts.
        var errors = kept.Select(i => 100 * (truth[i] - model.TestPredictions[i]) / truth[i]).ToArray();
        var points = plot.Add.ScatterPoints(kept.Select(i => truth[i]).ToArray(), errors);
        points.MarkerSize = 5;
        plot.Add.HorizontalLine(0, pattern: LinePattern.Dashed, color: Colors.Black);
        plot.Title($"{target}: relative error on the test rows ({Name(model.Kind)})");
        plot.XLabel($"true {target}");
        plot.YLabel("relative error (%)");
        return plot;
    }

    private static Plot ModelComparison(string target, WorkflowResult result)
    {
        var plot = PlotFont.NewPlot();
        var bars = plot.Add.Bars(result.Models.Select(m => Math.Max(0, m.Metrics.TestR2)).ToArray());
        foreach (var (bar, model) in bars.Bars.Zip(result.Models))
        {
            bar.Label = model.Metrics.TestR2.ToString("F3");
        }

        bars.ValueLabelStyle.FontSize = 11;
        plot.Axes.Bottom.SetTicks([.. Enumerable.Range(0, result.Models.Count).Select(i => (double)i)], [.. result.Models.Select(m => Name(m.Model))]);
        plot.Axes.Bottom.TickLabelStyle.Rotation = 30;
        plot.Axes.Bottom.TickLabelStyle.Alignment = Alignment.MiddleLeft;
        plot.Axes.SetLimitsY(0, 1.1);
        plot.Title($"{target}: test R² per model (negative shown as 0)");
        plot.YLabel("test R²");
        return plot;
    }

    private static Plot Importances(string target, WorkflowResult result)
    {
        var plot = PlotFont.NewPlot();
        var top = result.TopImportances.Reverse().ToArray();
        var bars = plot.Add.Bars(top.Select(t => 100 * t.Weight).ToArray());
        bars.Horizontal = true;
        plot.Axes.Left.SetTicks([.. Enumerable.Range(0, top.Length).Select(i => (double)i)], [.. top.Select(t => t.Feature)]);
        plot.Title($"{target}: top feature importances (gradient boosting, paper Fig. 13)");
        plot.XLabel("share of the total split gain (%)");
        return plot;
    }

    private static string Name(ModelKind kind) => kind.ToString();

    private static string Save(Plot plot, string directory, string name)
    {
        plot.SavePng(Path.Combine(directory, name), Width, Height);
        return name;
    }
}

using System.Globalization;
using System.Text;
using MesoStream.Cli.Pipeline;
using MesoStream.Contracts.Models;
using MesoStream.Contracts.Vocabulary;
using MesoStream.Modelling.Serving;
using static MesoStream.Cli.Report.FigureStyle;

namespace MesoStream.Cli.Report;

/// <summary>What an active-learning run (<c>up --design active</c>) adds to its facts: its start, its batch and every structure the planner proposed.</summary>
internal sealed record ActiveRunFacts(int Initial, int Batch, IReadOnlyList<PlannedStructure> Planned);

/// <summary>
/// The active-learning section of the study report: the loop's settings, one row per model version (structures it
/// was trained on, the batch the planner proposed from it with its acquisition scores, the served models' test R² and
/// 90 % interval half-widths), and the run's learning curve as figures. Each version's test R² comes from its own
/// 80:20 split of the rows so far — rows the planner chose for being hard — so the curve shows this run's progress;
/// <c>mesostream bench active</c> compares designs on one held-out set.
/// </summary>
internal static class ActiveLearningReport
{
    private static readonly string[] Transport = [.. EffectiveProperties.Transport.Select(p => p.Name)];

    /// <summary>One model version of the run, from the trainer's model directory.</summary>
    private sealed record VersionPoint(int Version, int Rows, IReadOnlyDictionary<string, double> TestR2, IReadOnlyDictionary<string, (double HalfWidth, TargetTransform Space)> Intervals);

    public static (string Markdown, IReadOnlyList<Figure> Figures) Write(ActiveRunFacts facts, string modelsDirectory, string figureDirectory)
    {
        var versions = Directory.EnumerateDirectories(modelsDirectory, "v*")
            .Where(d => File.Exists(Path.Combine(d, ModelArtifactFile.Name)))
            .Select(d => ModelArtifactFile.Read(d))
            .OrderBy(a => a.Version)
            .Select(Point)
            .ToList();
        var culture = CultureInfo.InvariantCulture;
        var text = new StringBuilder().AppendLine("## Active learning (`up --design active`)").AppendLine();
        text.AppendLine(culture, $"{facts.Initial} Sobol structures first; then, on each model version, the planner service proposed up to {facts.Batch} designs " +
            $"from a fresh Sobol pool: the ones whose bootstrap design ensembles disagree most, spread by max-min distance (docs/active-learning.md). " +
            $"{facts.Planned.Count} structures came from the planner; each spec on structure-spec carries its model version, score and rank in headers.").AppendLine();
        if (facts.Planned.FirstOrDefault()?.Method is { Length: > 0 } method)
        {
            text.AppendLine(culture, $"Acquisition (as the planner's headers say): {method}.").AppendLine();
        }

        text.Append("| model version | structures | batch proposed from it | scores (max … min) |");
        text.AppendLine(string.Concat(Transport.Select(t => $" {t} R² |")));
        text.Append("|---:|---:|---:|---|").AppendLine(string.Concat(Transport.Select(_ => "---:|")));
        foreach (var v in versions)
        {
            var batch = facts.Planned.Where(p => p.ModelVersion == v.Version).ToList();
            text.Append(culture, $"| {v.Version} | {v.Rows} | {batch.Count} | {(batch.Count == 0 ? "—" : $"{batch.Max(p => p.Score):G3} … {batch.Min(p => p.Score):G3}")} |");
            text.AppendLine(string.Concat(Transport.Select(t => v.TestR2.TryGetValue(t, out var r2) ? $" {r2.ToString("F3", culture)} |" : " — |")));
        }

        text.AppendLine();
        var figures = new List<Figure>();
        if (versions.Count > 0)
        {
            Directory.CreateDirectory(figureDirectory);
            figures.Add(Save(Curve(versions, v => v.TestR2, "served model's test R² (its own 80:20 split)"), figureDirectory, "active-learning-r2.png",
                "Active learning: each model version's served test R² against the structures it was trained on"));
            figures.Add(Save(Curve(versions, v => v.Intervals.ToDictionary(i => i.Key, i => i.Value.HalfWidth), "90 % interval half-width (ln units for a log-space target)"),
                figureDirectory, "active-learning-intervals.png",
                "Active learning: the served models' split-conformal 90 % half-width against structures (for a log-space target a half-width h is a factor e^h)"));
        }

        return (text.ToString(), figures);
    }

    private static VersionPoint Point(ModelArtifact artifact)
    {
        var r2 = new Dictionary<string, double>(StringComparer.Ordinal);
        var intervals = new Dictionary<string, (double, TargetTransform)>(StringComparer.Ordinal);
        foreach (var target in artifact.Targets.Where(t => Transport.Contains(t.Target)))
        {
            if (target.Report.Models.FirstOrDefault(m => m.Model == target.Model) is { } served)
            {
                r2[target.Target] = served.Metrics.TestR2;
            }

            if (target.Interval is { } interval)
            {
                intervals[target.Target] = (interval.HalfWidth, interval.Space);
            }
        }

        return new VersionPoint(artifact.Version, artifact.DatasetRows, r2, intervals);
    }

    private static ScottPlot.Plot Curve(IReadOnlyList<VersionPoint> versions, Func<VersionPoint, IReadOnlyDictionary<string, double>> values, string yLabel)
    {
        var plot = NewPlot();
        int index = 0;
        foreach (var target in Transport)
        {
            var points = versions.Where(v => values(v).ContainsKey(target)).ToList();
            if (points.Count == 0)
            {
                continue;
            }

            var line = plot.Add.ScatterLine(points.Select(v => (double)v.Rows).ToArray(), points.Select(v => values(v)[target]).ToArray());
            line.Color = Category(index++);
            line.MarkerSize = 6;
            line.LegendText = target;
        }

        plot.XLabel("structures simulated");
        plot.YLabel(yLabel);
        plot.ShowLegend(ScottPlot.Alignment.LowerRight);
        return plot;
    }
}

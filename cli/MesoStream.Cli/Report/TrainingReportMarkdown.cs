using System.Globalization;
using System.Text;
using MesoStream.Contracts.Models;

namespace MesoStream.Cli.Report;

/// <summary>
/// The model sections of the study report: the paper's Tables 1–3 (gradient boosting, train/test R² and MAE, beside the paper's rows) apart
/// from the served models (chosen by inner cross-validation on the training rows), their intervals' measured coverage,
/// the percolation classifiers and each target's learning curve when the trainer measured one.
/// </summary>
internal static class TrainingReportMarkdown
{
    public static string Models(ModelArtifact artifact)
    {
        var text = new StringBuilder();
        var culture = CultureInfo.InvariantCulture;
        text.Append(PaperTables(artifact));
        text.AppendLine("### Gradient boosting settings and relative errors").AppendLine();
        text.AppendLine("| target | settings | rel. err P5 | rel. err P95 |").AppendLine("|---|---|---|---|");
        foreach (var target in artifact.Targets)
        {
            if (target.Report.Models.FirstOrDefault(m => m.Model == ModelKind.GradientBoosting) is { } gb)
            {
                var m = gb.Metrics;
                text.AppendLine(culture, $"| {target.Target} | {gb.Settings ?? "—"} | {m.TestRelativeErrorP5:P1} | {m.TestRelativeErrorP95:P1} |");
            }
        }

        text.AppendLine().AppendLine("Relative error is Eq. 11 with the paper's sign, (y − ŷ)/y.").AppendLine();
        text.AppendLine("## Served models (chosen by inner cross-validation on the training rows; the test rows scored once)").AppendLine();
        text.AppendLine("| target | served | settings | inner-CV R² | test R² | test R² (ln) | test MAE | interval | test coverage | features kept |").AppendLine("|---|---|---|---|---|---|---|---|---|---|");
        foreach (var target in artifact.Targets)
        {
            var served = target.Report.Models.First(m => m.Model == target.Model);
            var coverage = target.Report.Coverage;
            text.AppendLine(culture,
                $"| {target.Target} | {target.Model} | {served.Settings ?? "—"} | {(served.SelectionR2 is { } cv ? $"{cv:F3} ± {served.SelectionR2Sd:F3}" : "—")} | {served.Metrics.TestR2:F3} | {(served.TestR2Log is { } log ? log.ToString("F3", culture) : "—")} | {served.Metrics.TestMae:G4} | {(coverage is null ? "—" : $"{coverage.Level:P0}, ±{coverage.HalfWidth:G3}{(coverage.Transform == TargetTransform.Log ? " in ln" : "")}")} | {(coverage is null ? "—" : $"{coverage.TestCoverage:P1} of {coverage.TestRows}")} | {target.Features.Count} |");
        }

        var percolation = artifact.Targets.Where(t => t.Report.Percolation is not null).ToList();
        if (percolation.Count > 0)
        {
            text.AppendLine().AppendLine("## Percolation classifiers (τ = ∞ when P(percolates) < 0.5)").AppendLine();
            text.AppendLine("| target | rows | non-percolating | test accuracy | test Brier score |").AppendLine("|---|---|---|---|---|");
            foreach (var target in percolation)
            {
                var p = target.Report.Percolation!;
                text.AppendLine(culture, $"| {target.Target} | {p.Rows} | {p.NonPercolating} | {p.TestAccuracy:P1} of {p.TestRows} | {p.TestBrier:F4} |");
            }
        }

        var curves = artifact.Targets.Where(t => t.Report.LearningCurve is { Count: > 0 }).ToList();
        if (curves.Count > 0)
        {
            text.AppendLine().AppendLine("## Learning curve (served model's test R², mean ± sd over split seeds, against the rows used)").AppendLine();
            var fractions = curves[0].Report.LearningCurve!.Select(p => p.Fraction).ToList();
            text.AppendLine("| target | " + string.Join(" | ", fractions.Select(f => f.ToString("P0", culture))) + " |");
            text.AppendLine("|---|" + string.Concat(fractions.Select(_ => "---|")));
            foreach (var target in curves)
            {
                var cells = target.Report.LearningCurve!.Select(p => string.Create(culture, $"{p.MeanTestR2:F3} ± {p.StdTestR2:F3} ({p.Rows})"));
                text.Append("| ").Append(target.Target).Append(" | ").AppendJoin(" | ", cells).AppendLine(" |");
            }
        }

        return text.AppendLine().ToString();
    }

    /// <summary>
    /// The gradient-boosting metrics in the layout of the paper's Tables 1–3 (R² and MAE, train and test, per
    /// direction or interface), with the paper's rows beneath this run's.
    /// </summary>
    private static string PaperTables(ModelArtifact artifact)
    {
        var culture = CultureInfo.InvariantCulture;
        var text = new StringBuilder().AppendLine("## Gradient boosting in the paper's Tables 1–3 layout").AppendLine();
        foreach (var (title, symbol, targets, paperTrainR2, paperTestR2, paperTrainMae, paperTestMae) in PaperTable.All)
        {
            var boosted = targets.Select(t => artifact.Targets.FirstOrDefault(m => m.Target == t)?.Report.Models.FirstOrDefault(m => m.Model == ModelKind.GradientBoosting)?.Metrics).ToArray();
            if (boosted.All(m => m is null))
            {
                continue;
            }

            var names = targets.Select(t => t.Contains('_') ? symbol + t[^1] : t).ToArray();
            text.AppendLine(culture, $"**{title}**").AppendLine();
            text.AppendLine("| | " + string.Join(" | ", names.Select(n => "R² " + n)) + " | " + string.Join(" | ", names.Select(n => "MAE " + n)) + " |");
            text.AppendLine("|---|---|---|---|---|---|---|");
            string Cells(Func<RegressionMetrics, double> get, string format) => string.Join(" | ", boosted.Select(m => m is null ? "—" : get(m).ToString(format, culture)));
            string Paper(double[] values, string format) => string.Join(" | ", values.Select(v => v.ToString(format, culture)));
            text.AppendLine($"| Train | {Cells(m => m.TrainR2, "F3")} | {Cells(m => m.TrainMae, "G3")} |");
            text.AppendLine($"| Test | {Cells(m => m.TestR2, "F3")} | {Cells(m => m.TestMae, "G3")} |");
            text.AppendLine($"| Train (paper) | {Paper(paperTrainR2, "F2")} | {Paper(paperTrainMae, "G3")} |");
            text.AppendLine($"| Test (paper) | {Paper(paperTestR2, "F2")} | {Paper(paperTestMae, "G3")} |").AppendLine();
        }

        return text.ToString();
    }
}

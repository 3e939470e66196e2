using MesoStream.Modelling.Serving;
using MesoStream.Contracts.Models;
using Spectre.Console;

namespace MesoStream.Cli.Rendering;

/// <summary>The paper's metrics tables (Tables 1–3 layout for the boosted model), every model's test R², and the served models with their settings, intervals and coverage, from an artifact.</summary>
internal static class MetricsTables
{
    public static void Write(ModelArtifact artifact)
    {
        var boosted = new Table().Title("gradient boosting (paper Tables 1–3)")
            .AddColumns("target", "train R²", "test R²", "train MAE", "test MAE", "rel. err 5%", "rel. err 95%", "features kept", "rows excluded (∞ / outliers)");
        var models = artifact.Targets[0].Report.Models.Select(m => m.Model).ToList();
        var comparison = new Table().Title("test R² of every model (* = served: best inner-CV R² on the training rows)").AddColumn("target");
        var served = new Table().Title("served models (chosen by inner cross-validation; test rows scored once)")
            .AddColumns("target", "model", "settings", "inner-CV R²", "test R²", "test R² (ln)", "interval", "test coverage", "P(percolates) acc.");
        foreach (var kind in models)
        {
            comparison.AddColumn(kind.ToString());
        }

        foreach (var target in artifact.Targets)
        {
            var report = target.Report;
            if (report.Models.FirstOrDefault(m => m.Model == Contracts.Models.ModelKind.GradientBoosting) is { } gb)
            {
                var m = gb.Metrics;
                boosted.AddRow(target.Target, $"{m.TrainR2:F3}", $"{m.TestR2:F3}", $"{m.TrainMae:G4}", $"{m.TestMae:G4}", $"{m.TestRelativeErrorP5:P1}", $"{m.TestRelativeErrorP95:P1}",
                    report.SelectedFeatures.Count.ToString(), $"{report.NonFiniteTargets} / {report.OutliersRemoved}");
            }

            comparison.AddRow([target.Target, .. report.Models.Select(m => $"{m.Metrics.TestR2:F3}{(m.Model == target.Model ? "*" : "")}")]);
            var chosen = report.Models.First(m => m.Model == target.Model);
            served.AddRow(target.Target, target.Model.ToString(), Markup.Escape(chosen.Settings ?? "–"),
                chosen.SelectionR2 is { } cv ? $"{cv:F3} ± {chosen.SelectionR2Sd:F3}" : "–",
                $"{chosen.Metrics.TestR2:F3}", chosen.TestR2Log is { } log ? $"{log:F3}" : "–",
                report.Coverage is { } c ? $"{c.Level:P0}, ±{c.HalfWidth:G3}{(c.Transform == TargetTransform.Log ? " (ln)" : "")}" : "–",
                report.Coverage is { } v ? $"{v.TestCoverage:P1} of {v.TestRows}" : "–",
                report.Percolation is { } p ? $"{p.TestAccuracy:P1} ({p.NonPercolating} of {p.Rows} blocked)" : "–");
        }

        if (boosted.Rows.Count > 0)
        {
            AnsiConsole.Write(boosted);
        }

        AnsiConsole.Write(comparison);
        AnsiConsole.Write(served);
    }
}

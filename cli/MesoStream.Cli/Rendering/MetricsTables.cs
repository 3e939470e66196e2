using MesoStream.Modelling.Serving;
using MesoStream.Contracts.Models;
using Spectre.Console;

namespace MesoStream.Cli.Rendering;

/// <summary>The paper's metrics tables (Tables 1–3 layout for the boosted model) and every model's test R², from an artifact.</summary>
internal static class MetricsTables
{
    public static void Write(ModelArtifact artifact)
    {
        var boosted = new Table().Title("gradient boosting (paper Tables 1–3)")
            .AddColumns("target", "train R²", "test R²", "train MAE", "test MAE", "rel. err 5%", "rel. err 95%", "features kept", "rows excluded (∞ / outliers)");
        var models = artifact.Targets[0].Report.Models.Select(m => m.Model).ToList();
        var comparison = new Table().Title("test R² of every model (* = served)").AddColumn("target");
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
        }

        if (boosted.Rows.Count > 0)
        {
            AnsiConsole.Write(boosted);
        }

        AnsiConsole.Write(comparison);
    }
}

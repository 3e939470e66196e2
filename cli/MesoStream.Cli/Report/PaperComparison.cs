using System.Globalization;
using System.Text;
using MesoStream.Contracts.Models;
using MesoStream.Generator.Packing;
using MathNet.Numerics.Statistics;

namespace MesoStream.Cli.Report;

/// <summary>
/// The paper's headline numbers beside this run's: Tables 1–3 (gradient boosting test R² and MAE), the Bruggeman
/// exponents by alignment class (Fig. 3: z ≈ 0.9 for z-aligned, ≈ 1.2 in every direction for random, z ≈ 1.25 and
/// y ≈ 0.9 for perpendicular), the σ trends (Figs. 5–6), the areas' ranges (Fig. 12c), the descriptor ranges (Fig. 2)
/// and the top importance shares (Fig. 13). Each row says what the paper reports and what this run measured.
/// </summary>
internal static class PaperComparison
{
    public sealed record Row(string Quantity, string Paper, string ThisRun);

    public static IReadOnlyList<Row> Rows(IReadOnlyList<StudyRow> rows, ModelArtifact artifact)
    {
        var culture = CultureInfo.InvariantCulture;
        var result = new List<Row>();
        foreach (var table in PaperTable.All)
        {
            var targets = table.Targets.Select(t => artifact.Targets.FirstOrDefault(m => m.Target == t)).ToArray();
            string Cells(Func<TargetModel, double?> get, string format) =>
                string.Join(" / ", targets.Select(t => t is not null && get(t) is { } v ? v.ToString(format, culture) : "—"));
            string Paper(double[] values, string format) => string.Join(" / ", values.Select(v => v.ToString(format, culture)));
            RegressionMetrics? Boosted(TargetModel t) => t.Report.Models.FirstOrDefault(m => m.Model == ModelKind.GradientBoosting)?.Metrics;
            string names = $"{table.Title.Split(" — ")[0]}, {string.Join(" / ", table.Targets)}";
            result.Add(new Row($"{names}: gradient boosting test R²", Paper(table.TestR2, "F2"), Cells(t => Boosted(t)?.TestR2, "F3")));
            result.Add(new Row($"{names}: gradient boosting test MAE", Paper(table.TestMae, "G3"), Cells(t => Boosted(t)?.TestMae, "G3")));
            result.Add(new Row($"{names}: served model's test R² (chosen by inner CV)", "—", Cells(t => t.Report.Models.First(m => m.Model == t.Model).Metrics.TestR2, "F3")));
        }

        result.Add(Bruggeman(rows, AlignmentClass.ZAligned, "z-aligned: α_z ≈ 0.9, α_x, α_y higher"));
        result.Add(Bruggeman(rows, AlignmentClass.Random, "random: α ≈ 1.2 in every direction"));
        result.Add(Bruggeman(rows, AlignmentClass.Perpendicular, "perpendicular: α_z ≈ 1.25, α_y ≈ 0.9"));
        result.Add(new Row("σ rises with v_AM (Fig. 5, 6b)", "σ ~0.05 → ~0.7", Trend(rows, r => r.Data.ActiveFraction, "v_AM")));
        result.Add(new Row("σ rises with overlap γ (Fig. 6a)", "σ ~0.1 → ~0.6 as γ rises", Trend(rows, r => r.Data.Gamma, "γ")));
        result.Add(new Row("z-aligned: σ_z above σ_x, σ_y at high v_AM (Fig. 5a)", "σ_z higher", Ratio(rows, AlignmentClass.ZAligned)));
        result.Add(new Row("perpendicular: σ_z below σ_x, σ_y (Fig. 5c)", "σ_z smaller", Ratio(rows, AlignmentClass.Perpendicular)));
        result.Add(new Row("a01 range (Fig. 12c)", "~0 – 400 k m²/m³", Range(rows.Select(r => r.Data.A01 / 1e3), "k m²/m³")));
        result.Add(new Row("a02 range", "~40 – 200 k", Range(rows.Select(r => r.Data.A02 / 1e3), "k")));
        result.Add(new Row("a12 range", "~80 – 200 k", Range(rows.Select(r => r.Data.A12 / 1e3), "k")));
        result.Add(new Row("overlap factor γ (Fig. 2a)", "0.2 – 0.79", Range(rows.Select(r => r.Data.Gamma), "")));
        result.Add(new Row("equivalent radius R_eq (Fig. 2b)", "2 – 7 µm", Range(rows.Select(r => r.Data.EquivalentRadiusUm), "µm")));
        result.Add(new Row("eccentricity (Fig. 2c)", "≤ 5", Range(rows.Select(r => r.Data.Eccentricity), "")));
        result.Add(new Row("rectangularity (Fig. 2d)", "0.53 – 0.61", Range(rows.Select(r => r.Data.Rectangularity), "")));
        result.Add(new Row("sphericity (Fig. 2e)", "≥ 0.65", Range(rows.Select(r => r.Data.Sphericity), "")));
        result.Add(new Row("mean pore size (Fig. 2f)", "up to ~7 µm (Fiji c-PSD to the AM)", Range(rows.Select(r => r.Data.MeanPoreRadiusUm), "µm (radius to AM or binder)")));
        result.Add(Importance(artifact, "tau", "τ: top feature's share (Fig. 13a)", "~80 % (γ³/φ³)"));
        result.Add(Importance(artifact, "sigma", "σ: top feature's share (Fig. 13b)", "~90 % (v_AM²·γ^0.5)"));
        return result;
    }

    public static string Markdown(IReadOnlyList<Row> rows)
    {
        var text = new StringBuilder().AppendLine("| quantity | paper | this run |").AppendLine("|---|---|---|");
        foreach (var row in rows)
        {
            text.AppendLine($"| {row.Quantity} | {row.Paper} | {row.ThisRun} |");
        }

        return text.ToString();
    }

    private static Row Bruggeman(IReadOnlyList<StudyRow> rows, AlignmentClass alignment, string paper)
    {
        var fits = Enumerable.Range(0, 3).Select(axis => StudyAnalysis.Bruggeman(rows, alignment, axis)).ToArray();
        var cells = fits.Select((fit, axis) => $"α_{StudyAnalysis.Axes[axis]} = " + (fit is null ? "—" : $"{FigureStyle.Format(fit.Exponent)} ± {FigureStyle.Format(fit.StandardError)}"));
        int structures = StudyAnalysis.Of(rows, alignment).Count(r => r.Porosity >= Trainer.Metrics.BruggemanFit.PaperMinPorosity);
        return new Row($"Bruggeman exponent, {alignment} (Fig. 3, ε ≥ 0.3)", paper, $"{string.Join(", ", cells)} ({structures} structures)");
    }

    private static string Trend(IReadOnlyList<StudyRow> rows, Func<StudyRow, double> x, string name)
    {
        if (rows.Count < 3)
        {
            return "—";
        }

        var sigma = rows.Select(r => (r.Data.SigmaX + r.Data.SigmaY + r.Data.SigmaZ) / 3).ToArray();
        double rho = Correlation.Spearman(rows.Select(x), sigma);
        return string.Create(CultureInfo.InvariantCulture, $"Spearman ρ(σ, {name}) = {rho:F2}; mean σ {sigma.Min():F3} – {sigma.Max():F3}");
    }

    private static string Ratio(IReadOnlyList<StudyRow> rows, AlignmentClass alignment) =>
        StudyAnalysis.ThroughPlaneConductivityRatio(rows, alignment) is { } ratio
            ? string.Create(CultureInfo.InvariantCulture, $"σ_z / mean(σ_x, σ_y) = {ratio:F2} (structures above the class's median v_AM)")
            : "— (too few structures)";

    private static string Range(IEnumerable<double> values, string unit)
    {
        var finite = values.Where(double.IsFinite).ToArray();
        return finite.Length == 0
            ? "—"
            : string.Create(CultureInfo.InvariantCulture, $"{finite.Min():G3} – {finite.Max():G3}{(unit.Length > 0 ? " " + unit : "")} (P1–P99 {finite.Percentile(1):G3} – {finite.Percentile(99):G3})");
    }

    private static Row Importance(ModelArtifact artifact, string prefix, string quantity, string paper)
    {
        var cells = artifact.Targets.Where(t => t.Target.StartsWith(prefix, StringComparison.Ordinal) && t.Report.TopImportances.Count > 0)
            .Select(t => string.Create(CultureInfo.InvariantCulture, $"{t.Target} {t.Report.TopImportances[0].Weight:P0} (`{t.Report.TopImportances[0].Feature}`)"));
        return new Row(quantity, paper, string.Join("; ", cells.DefaultIfEmpty("—")));
    }
}

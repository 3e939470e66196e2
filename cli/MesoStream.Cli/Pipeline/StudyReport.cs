using MesoStream.Modelling.Serving;
using MesoStream.Contracts.Models;
using System.Globalization;
using System.Text;
using MesoStream.Infra.Telemetry;
using MesoStream.Trainer.Dataset;
using MesoStream.Trainer.Metrics;
using MesoStream.Trainer.Reporting;

namespace MesoStream.Cli.Pipeline;

/// <summary>What a run measured, for the report's first section.</summary>
internal sealed record RunFacts(int Structures, string Preset, int Solvers, int DeadLettered, TimeSpan CampaignWall, TimeSpan TotalWall, string Bootstrap)
{
    /// <summary>The structure ids that share a design (<c>up --replicates</c>); empty without replicates.</summary>
    public IReadOnlyList<IReadOnlyList<string>> ReplicateGroups { get; init; } = [];
}

/// <summary>
/// The study report of a <c>mesostream up</c> run, in DIR/report: the dataset (Parquet + CSV), the model directory of
/// the version trained on it (artifact, metrics.json, parity/error/model/importance figures), the dataset figures of
/// the paper (<see cref="DatasetFigures"/>), per-stage latency from the services' span files
/// (<see cref="TraceFileSummary"/>), and an index.md linking everything.
/// </summary>
internal static class StudyReport
{
    public static readonly string[] ComputeSpans = ["generate structure", "solve structure", "describe structure"];

    public static async Task<string> WriteAsync(string outDirectory, string trainerData, string modelDirectory, IEnumerable<string> traceFiles, RunFacts facts, CancellationToken cancellationToken)
    {
        var report = Path.Combine(outDirectory, "report");
        Directory.CreateDirectory(report);
        var dataset = await TrainingDataset.OpenAsync(trainerData, cancellationToken);
        File.Copy(Path.Combine(trainerData, TrainingDataset.FileName), Path.Combine(report, "dataset.parquet"), overwrite: true);
        await using (var csv = new StreamWriter(Path.Combine(report, "dataset.csv")))
        {
            DatasetCsv.Write(dataset.Rows, csv);
        }

        var model = Path.Combine(report, "model");
        Directory.CreateDirectory(model);
        foreach (var file in Directory.EnumerateFiles(modelDirectory))
        {
            File.Copy(file, Path.Combine(model, Path.GetFileName(file)), overwrite: true);
        }

        var artifact = ModelArtifactFile.Read(model);
        var figures = DatasetFigures.Write(dataset.Rows, Path.Combine(report, "figures"));
        var traces = TraceFileSummary.Read(traceFiles, ComputeSpans);
        var index = Path.Combine(report, "index.md");
        await File.WriteAllTextAsync(index, Index(facts, dataset, artifact, figures, traces), cancellationToken);
        return index;
    }

    private static string Index(RunFacts facts, TrainingDataset dataset, ModelArtifact artifact, IReadOnlyList<(string File, string Caption)> figures, TraceFileSummary traces)
    {
        var text = new StringBuilder();
        var culture = CultureInfo.InvariantCulture;
        double perHour = facts.Structures / facts.CampaignWall.TotalHours;
        text.AppendLine("# MesoStream study report").AppendLine();
        text.AppendLine(culture, $"- {facts.Structures} structures, preset `{facts.Preset}`, {facts.Solvers} solver process(es), broker `{facts.Bootstrap}`");
        text.AppendLine(culture, $"- campaign (submit → last structure described): {facts.CampaignWall.TotalSeconds:F0} s, **{perHour:F0} structures/hour**; whole run {facts.TotalWall.TotalSeconds:F0} s");
        text.AppendLine(culture, $"- dead-lettered structures: {facts.DeadLettered}");
        int nonPercolating = dataset.Rows.Count(r => !double.IsFinite(r.TauX) || !double.IsFinite(r.TauY) || !double.IsFinite(r.TauZ));
        text.AppendLine(culture, $"- dataset: {dataset.Count} structures ([Parquet](dataset.parquet), [CSV](dataset.csv)), {nonPercolating} with a non-percolating pore direction, content hash `{dataset.ContentHash()}`");
        text.AppendLine(culture, $"- model version {artifact.Version} trained on {artifact.DatasetRows} structures ([metrics.json](model/metrics.json), [artifact](model/{ModelArtifactFile.Name}))").AppendLine();

        text.Append(TrainingReportMarkdown.Models(artifact));
        text.Append(NoiseCeilingMarkdown(dataset, artifact, facts.ReplicateGroups));
        text.AppendLine().AppendLine("Per target: [parity](model/parity-tau_x.png), [relative error](model/relative-error-tau_x.png), [model comparison](model/models-tau_x.png), [importances](model/importances-tau_x.png) (same names for the other targets in `model/`).").AppendLine();
        text.AppendLine("## Figures").AppendLine();
        foreach (var (file, caption) in figures)
        {
            text.AppendLine(culture, $"![{caption}](figures/{file})").AppendLine().AppendLine(caption).AppendLine();
        }

        text.AppendLine("## Per-stage latency (from the services' spans)").AppendLine();
        text.AppendLine(traces.ToMarkdown());
        return text.ToString();
    }

    /// <summary>
    /// Per target, the replicate groups' noise ceiling (<see cref="NoiseCeiling"/>) beside the served model's test R²:
    /// how far the models are from the best any model could do on this dataset. Empty without replicate groups.
    /// </summary>
    private static string NoiseCeilingMarkdown(TrainingDataset dataset, ModelArtifact artifact, IReadOnlyList<IReadOnlyList<string>> groups)
    {
        if (groups.Count == 0)
        {
            return string.Empty;
        }

        var culture = CultureInfo.InvariantCulture;
        var byId = dataset.Rows.ToDictionary(r => r.Id, StringComparer.Ordinal);
        var text = new StringBuilder().AppendLine().AppendLine("## Noise ceiling (replicate seeds of the same design)").AppendLine();
        text.AppendLine("Structures of one design that differ only in their seed scatter with the within-design sd; no model can explain that, so the best reachable R² is 1 − s²_within / s²_total (raw scale, the finite values inside the trainer's P1–P99 outlier cut, the rows test R² is taken on).").AppendLine();
        text.AppendLine("| target | groups (structures) | within-design sd | total sd | ceiling R² | served test R² | share of the ceiling |");
        text.AppendLine("|---|---|---|---|---|---|---|");
        foreach (var target in artifact.Targets)
        {
            var column = DatasetColumns.All.Single(c => c.Column == target.Target);
            var values = dataset.Rows.Select(column.Get).ToArray();
            if (!values.Any(double.IsFinite))
            {
                continue;
            }

            var ceiling = NoiseCeiling.Estimate(target.Target,
                groups.Select(g => (IReadOnlyList<double>)[.. g.Where(byId.ContainsKey).Select(id => column.Get(byId[id]))]),
                values, NoiseCeiling.OutlierRange(values));
            if (ceiling is null)
            {
                continue;
            }

            double served = target.Report.Models.Single(m => m.Model == target.Model).Metrics.TestR2;
            text.AppendLine(culture, $"| {target.Target} | {ceiling.Groups} ({ceiling.Structures}) | {ceiling.WithinSd:G4} | {ceiling.TotalSd:G4} | {ceiling.CeilingR2:F3} | {served:F3} | {served / ceiling.CeilingR2:P0} |");
        }

        return text.ToString();
    }
}

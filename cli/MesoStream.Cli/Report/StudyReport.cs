using MesoStream.Modelling.Serving;
using MesoStream.Contracts.Models;
using System.Globalization;
using System.Text;
using MesoStream.Infra.Telemetry;
using MesoStream.Trainer.Dataset;
using MesoStream.Trainer.Metrics;
using MesoStream.Trainer.Reporting;
using MesoStream.Contracts.Specs;
using MesoStream.Generator.Campaigns;
using MesoStream.Generator.Packing;

namespace MesoStream.Cli.Report;

/// <summary>What a run measured, for the report's first section.</summary>
internal sealed record RunFacts(int Structures, string Preset, int Solvers, int DeadLettered, TimeSpan CampaignWall, TimeSpan TotalWall, string Bootstrap)
{
    /// <summary>The structure ids that share a design (<c>up --replicates</c>); empty without replicates.</summary>
    public IReadOnlyList<IReadOnlyList<string>> ReplicateGroups { get; init; } = [];

    /// <summary>The campaign's specs: the particle shapes and alignments the figures classify by (rows without one are left out of those figures).</summary>
    public IReadOnlyList<StructureSpec> Specs { get; init; } = [];

    /// <summary>An active-learning run's loop (<c>up --design active</c>); null for a Sobol campaign.</summary>
    public ActiveRunFacts? Active { get; init; }
}

/// <summary>
/// The study report of a <c>mesostream up</c> run, in DIR/report: the dataset (Parquet + CSV), the model directory of
/// the version trained on it (artifact, metrics.json, parity/error/model/importance figures), the paper's figures
/// (<see cref="DatasetFigures"/>, <see cref="DesignFigures"/>, <see cref="TransportFigures"/>, <see cref="ModelFigures"/>),
/// the paper comparison (<see cref="PaperComparison"/>), per-stage latency from the services' span files
/// (<see cref="TraceFileSummary"/>); as index.md and as the self-contained index.html (<see cref="StudyReportHtml"/>).
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
        var figureDirectory = Path.Combine(report, "figures");
        var rows = StudyRow.Join(dataset.Rows, facts.Specs);
        var overview = DatasetFigures.Write(dataset.Rows, figureDirectory).ToDictionary(f => f.File, f => new Figure(f.File, f.Caption));
        var transport = TransportFigures.Write(rows, figureDirectory);
        var figures = new ReportFigures(
            [overview["tau-vs-porosity.png"], .. transport.Tortuosity],
            [.. transport.Conductivity, overview["sigma-vs-vam.png"], overview["tau-vs-sigma.png"]],
            [.. transport.Area, overview["ssa-vs-ideal.png"]],
            DesignFigures.Write(rows, figureDirectory),
            ModelFigures.Write(dataset.Rows, artifact, figureDirectory));
        var traces = TraceFileSummary.Read(traceFiles, ComputeSpans);
        var active = facts.Active is { } loop ? ActiveLearningReport.Write(loop, Path.Combine(trainerData, "models"), figureDirectory) : default;
        var markdown = Index(facts, dataset, artifact, rows, figures, traces, active);
        await File.WriteAllTextAsync(Path.Combine(report, "index.md"), markdown, cancellationToken);
        return StudyReportHtml.Write(markdown, report, $"MesoStream study report: {facts.Structures} {facts.Preset} structures");
    }

    /// <summary>The report's figures by section: τ (Figs. 3, 4b), σ (5, 6), areas (7b/c, 8b), design and descriptors (2, 4a), models (9, 13, learning curve).</summary>
    private sealed record ReportFigures(IReadOnlyList<Figure> Tortuosity, IReadOnlyList<Figure> Conductivity, IReadOnlyList<Figure> Area, IReadOnlyList<Figure> Design, IReadOnlyList<Figure> Models);

    private static string Index(RunFacts facts, TrainingDataset dataset, ModelArtifact artifact, IReadOnlyList<StudyRow> rows, ReportFigures figures, TraceFileSummary traces,
        (string Markdown, IReadOnlyList<Figure> Figures) active)
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

        text.AppendLine("## This run beside the paper").AppendLine();
        var classes = string.Join(", ", Enum.GetValues<AlignmentClass>().Select(a => $"{a} {rows.Count(r => r.Alignment == a)}"));
        text.AppendLine(culture, $"Alignment classes (from the spec: a1 < {ParticleAlignment.AlignedBelow} or > {ParticleAlignment.PlanarAbove} and which semi-axis Eq. 6 aligns; docs/methods.md, \"Alignment classes\"): {classes}.").AppendLine();
        text.AppendLine(PaperComparison.Markdown(PaperComparison.Rows(rows, artifact)));
        text.Append(DesignRangesMarkdown());
        text.Append(TrainingReportMarkdown.Models(artifact));
        text.Append(NoiseCeilingMarkdown(dataset, artifact, facts.ReplicateGroups));
        text.AppendLine();
        if (active.Markdown is not null)
        {
            text.Append(active.Markdown);
            Section(text, "Active learning: the run's learning curve", active.Figures, "figures");
        }

        Section(text, "Tortuosity (paper Figs. 3, 4b)", figures.Tortuosity, "figures");
        Section(text, "Electronic conductivity (paper Figs. 5, 6)", figures.Conductivity, "figures");
        Section(text, "Interfacial area (paper Figs. 7b/c, 8b)", figures.Area, "figures");
        Section(text, "Design space and descriptors (paper Figs. 2, 4a)", figures.Design, "figures");
        Section(text, "Features, importances, learning curve (paper Figs. 9, 13)", figures.Models, "figures");
        Section(text, "Parity on the test rows with the served model's intervals (paper Figs. 10b–12b)", ModelFiles(artifact, "parity"), "model");
        Section(text, "Every model's test R² (paper Figs. 10a–12a)", ModelFiles(artifact, "models"), "model");
        Section(text, "Relative error on the test rows (paper Figs. 10c–12c)", ModelFiles(artifact, "relative-error"), "model");

        text.AppendLine("## Per-stage latency (from the services' spans)").AppendLine();
        text.AppendLine(traces.ToMarkdown());
        return text.ToString();
    }

    private static IEnumerable<Figure> ModelFiles(ModelArtifact artifact, string prefix) =>
        artifact.Targets.Select(t => new Figure($"{prefix}-{t.Target}.png", $"{t.Target}"));

    /// <summary>A section of figures in a grid (a <c>figures</c> block: each image with its caption beneath).</summary>
    private static void Section(StringBuilder text, string title, IEnumerable<Figure> figures, string folder)
    {
        text.AppendLine(CultureInfo.InvariantCulture, $"## {title}").AppendLine().AppendLine("<div class=\"figures\">").AppendLine();
        foreach (var figure in figures)
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"![{figure.Caption}]({folder}/{figure.File})  ").AppendLine(figure.Caption).AppendLine();
        }

        text.AppendLine("</div>").AppendLine();
    }

    /// <summary>The paper's design box the campaign sampled (<see cref="CampaignRanges.Paper"/>), stated once here and in docs/science.md.</summary>
    private static string DesignRangesMarkdown()
    {
        var r = CampaignRanges.Paper;
        var culture = CultureInfo.InvariantCulture;
        return new StringBuilder().AppendLine("## Design ranges (the paper's, `CampaignRanges.Paper`)").AppendLine()
            .AppendLine("| parameter | range | sampled |").AppendLine("|---|---|---|")
            .AppendLine(culture, $"| AM volume fraction v_AM | {r.MinActiveFraction} – {r.MaxActiveFraction} | uniform |")
            .AppendLine(culture, $"| binder volume fraction v_s | {r.MinBinderFraction} – {r.MaxBinderFraction} | uniform |")
            .AppendLine(culture, $"| binder morphology ω | {r.MinOmega} – {r.MaxOmega} | uniform |")
            .AppendLine(culture, $"| equivalent radius R_eq | {r.MinEquivalentRadiusUm} – {r.MaxEquivalentRadiusUm} µm | uniform |")
            .AppendLine(culture, $"| eccentricity L/S of the semi-axes L ≥ I ≥ S | 1 – {r.MaxEccentricity} (the paper's Zingg region) | log-uniform; I log-uniform between S and L; the aligned axis is L, I or S by thirds |")
            .AppendLine(culture, $"| anisotropy a1, a2 (Eq. 6) | {r.MinAnisotropy} – {r.MaxAnisotropy} | log-uniform |")
            .AppendLine().ToString();
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

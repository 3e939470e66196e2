using System.Globalization;
using MesoStream.Cli.Report;
using ScottPlot;
using Spectre.Console;

namespace MesoStream.Cli.Benchmarks;

/// <summary>One summary line of <c>bench active</c>: for a group of targets and an active arm, Sobol's mean R² at the budget and the first checkpoint at which the arm's mean R² reaches it.</summary>
internal sealed record ActiveBenchSummary(string Group, string Arm, double SobolAtBudget, int? ActiveReaches, double ActiveAtBudget);

/// <summary>
/// The learning curves of <c>bench active</c>, averaged over seeds: per design and structure count, the mean and sd of
/// each target's R² and RMSE, and of the τ and σ group means (the mean of a group's targets per seed, then over seeds).
/// </summary>
internal sealed class ActiveBenchCurves
{
    private readonly IReadOnlyList<ActiveBenchPoint> _points;
    private readonly IReadOnlyList<string> _targets;

    private ActiveBenchCurves(IReadOnlyList<ActiveBenchPoint> points, IReadOnlyList<string> targets) => (_points, _targets) = (points, targets);

    public static ActiveBenchCurves From(IReadOnlyList<ActiveBenchPoint> points, IReadOnlyList<string> targets) => new(points, targets);

    /// <summary>Target groups: τ (the tortuosities) and σ (the conductivities) among the scored targets.</summary>
    public IEnumerable<(string Name, string[] Targets)> Groups()
    {
        foreach (var (name, prefix) in new[] { ("τ", "tau_"), ("σ", "sigma_") })
        {
            var members = _targets.Where(t => t.StartsWith(prefix, StringComparison.Ordinal)).ToArray();
            if (members.Length > 0)
            {
                yield return (name, members);
            }
        }
    }

    public IEnumerable<string> Designs => _points.Select(p => p.Design).Distinct();

    public IEnumerable<int> Counts(string design) => _points.Where(p => p.Design == design).Select(p => p.Structures).Distinct().Order();

    /// <summary>Mean and sd over seeds of <paramref name="value"/> at (design, n).</summary>
    public (double Mean, double Sd) At(string design, int n, Func<ActiveBenchPoint, double> value)
    {
        var values = _points.Where(p => p.Design == design && p.Structures == n).Select(value).ToArray();
        double mean = values.Average();
        double sd = values.Length > 1 ? Math.Sqrt(values.Sum(v => (v - mean) * (v - mean)) / (values.Length - 1)) : 0;
        return (mean, sd);
    }

    public static Func<ActiveBenchPoint, double> GroupR2(string[] targets) => p => targets.Average(t => p.R2[t]);

    public IReadOnlyList<ActiveBenchSummary> Summary(int budget) =>
    [
        .. from g in Groups()
           from arm in Designs.Where(d => d != ActiveLearningBenchmark.SobolDesign)
           let sobol = At(ActiveLearningBenchmark.SobolDesign, budget, GroupR2(g.Targets)).Mean
           let reaches = Counts(arm).Cast<int?>().FirstOrDefault(n => At(arm, n!.Value, GroupR2(g.Targets)).Mean >= sobol)
           select new ActiveBenchSummary(g.Name, arm, sobol, reaches, At(arm, budget, GroupR2(g.Targets)).Mean),
    ];

    /// <summary>Per design and structure count: each group's mean R² (± sd over seeds) and mean RMSE; every target's own in the CSV and JSON.</summary>
    public Table Table()
    {
        var culture = CultureInfo.InvariantCulture;
        var table = new Table().AddColumn("design").AddColumn("structures");
        foreach (var (name, _) in Groups())
        {
            table.AddColumn($"R² {name}");
            table.AddColumn($"RMSE {name}");
        }

        foreach (var design in Designs)
        {
            foreach (var n in Counts(design))
            {
                var cells = new List<string> { design, n.ToString(culture) };
                foreach (var (_, targets) in Groups())
                {
                    cells.Add(Format(At(design, n, GroupR2(targets))));
                    cells.Add(At(design, n, p => targets.Average(t => p.Rmse[t])).Mean.ToString("G3", culture));
                }

                table.AddRow(cells.ToArray());
            }
        }

        return table;
    }

    public IEnumerable<string> Csv()
    {
        var culture = CultureInfo.InvariantCulture;
        yield return "design,seed,structures,test_rows," + string.Join(",", _targets.Select(t => $"r2_{t}")) + "," + string.Join(",", _targets.Select(t => $"rmse_{t}"));
        foreach (var p in _points)
        {
            yield return string.Join(",", new[] { p.Design, p.Seed.ToString(culture), p.Structures.ToString(culture), p.TestRows.ToString(culture) }
                .Concat(_targets.Select(t => p.R2[t].ToString("R", culture)))
                .Concat(_targets.Select(t => p.Rmse[t].ToString("R", culture))));
        }
    }

    /// <summary>Per target group (τ, σ), its mean R² against structures simulated, one line per design (± sd over seeds as bars), with its file name.</summary>
    public IEnumerable<(string File, Plot Plot)> Plots()
    {
        foreach (var (name, targets) in Groups())
        {
            var plot = FigureStyle.NewPlot();
            int colour = 0;
            double last = 0;
            foreach (var design in Designs)
            {
                var color = FigureStyle.Category(colour++);
                var counts = Counts(design).ToArray();
                var stats = counts.Select(n => At(design, n, GroupR2(targets))).ToArray();
                var line = plot.Add.ScatterLine(counts.Select(n => (double)n).ToArray(), stats.Select(s => s.Mean).ToArray());
                line.Color = color;
                line.MarkerSize = 6;
                line.LinePattern = design == ActiveLearningBenchmark.SobolDesign ? LinePattern.Dashed : LinePattern.Solid;
                line.LegendText = design;
                for (int i = 0; i < counts.Length; i++)
                {
                    var bar = plot.Add.Line(counts[i], stats[i].Mean - stats[i].Sd, counts[i], stats[i].Mean + stats[i].Sd);
                    bar.Color = color;
                }

                last = stats[^1].Mean;
            }

            plot.Title($"{name}: mean test R² of {string.Join(", ", targets)}");
            plot.XLabel("structures simulated");
            plot.YLabel("test R² on the held-out Sobol set (mean ± sd over seeds)");
            // Curves that rise to a high R² leave the lower right empty; low ones the upper left.
            plot.ShowLegend(last > 0.6 ? Alignment.LowerRight : Alignment.UpperLeft);
            yield return ($"learning-curves-{targets[0].Split('_')[0]}.png", plot);
        }
    }

    private static string Format((double Mean, double Sd) value) =>
        string.Create(CultureInfo.InvariantCulture, $"{value.Mean:F3} ± {value.Sd:F3}");
}

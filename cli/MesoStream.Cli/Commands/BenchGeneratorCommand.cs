using System.ComponentModel;
using System.Text.Json;
using MesoStream.Contracts.Specs;
using MesoStream.Generator;
using Spectre.Console;
using Spectre.Console.Cli;

namespace MesoStream.Cli.Commands;

internal sealed class BenchGeneratorCommand : Command<BenchGeneratorCommand.Settings>
{
    public sealed class Settings : CommandSettings
    {
        [CommandOption("--edges <LIST>")]
        [Description("Grid edges, comma-separated.")]
        [DefaultValue("64,200")]
        public string Edges { get; init; } = "64,200";

        [CommandOption("--fractions <LIST>")]
        [Description("Active-material volume fractions, comma-separated.")]
        [DefaultValue("0.5,0.8")]
        public string Fractions { get; init; } = "0.5,0.8";

        [CommandOption("--json")]
        [Description("Print the measurements as JSON.")]
        public bool Json { get; init; }
    }

    private sealed record Row(int Edge, double TargetActive, double Seconds, double PackingSeconds, double BinderSeconds,
        double SingleThreadSeconds, int Particles, double AchievedActive, double AchievedBinder)
    {
        public double PackingShare => PackingSeconds / Seconds;
        public double SpeedUpOverOneThread => SingleThreadSeconds / Seconds;
    }

    private static GenerationStatistics Fastest(GenerationStatistics? best, GenerationStatistics candidate) =>
        best is null || candidate.Seconds < best.Seconds ? candidate : best;

    public override int Execute(CommandContext context, Settings settings, CancellationToken cancellationToken)
    {
        var edges = settings.Edges.Split(',', StringSplitOptions.TrimEntries).Select(int.Parse).ToArray();
        var fractions = settings.Fractions.Split(',', StringSplitOptions.TrimEntries)
            .Select(f => double.Parse(f, System.Globalization.CultureInfo.InvariantCulture)).ToArray();
        var rows = new List<Row>();
        AnsiConsole.Progress().Start(progress =>
        {
            var task = progress.AddTask("generating", maxValue: edges.Length * fractions.Length);
            foreach (var edge in edges)
            {
                foreach (var fraction in fractions)
                {
                    var preset = GeneratorPresets.Fast(1);
                    var spec = preset with
                    {
                        Grid = new GridSpec(edge, edge, edge, 1.0),
                        ActiveMaterial = preset.ActiveMaterial with { VolumeFraction = fraction },
                        Binder = preset.Binder with { VolumeFraction = Math.Min(preset.Binder.VolumeFraction, SpecLimits.MaxSolidFraction - fraction) },
                    };
                    // Alternate the two settings twice and keep each one's fastest run, so warm-up favours neither.
                    GenerationStatistics? single = null, both = null;
                    for (var round = 0; round < 2; round++)
                    {
                        single = Fastest(single, StructureGenerator.Generate(spec, new GeneratorOptions(1)).Statistics);
                        both = Fastest(both, StructureGenerator.Generate(spec, new GeneratorOptions(Environment.ProcessorCount)).Statistics);
                    }

                    rows.Add(new Row(edge, fraction, both!.Seconds, both.PackingSeconds, both.BinderSeconds, single!.Seconds,
                        both.ParticleCount, both.ActiveFraction, both.BinderFraction));
                    task.Increment(1);
                }
            }
        });

        if (settings.Json)
        {
            Console.WriteLine(JsonSerializer.Serialize(rows, CliJson.Options));
            return CliExit.Ok;
        }

        var table = new Table().AddColumns("grid", "v_AM", "seconds", "AM placement", "binder", "placement share", "1 thread s", "speed-up", "particles");
        foreach (var r in rows)
        {
            table.AddRow($"{r.Edge}³", $"{r.TargetActive:F2}", $"{r.Seconds:F2}", $"{r.PackingSeconds:F2}", $"{r.BinderSeconds:F2}",
                $"{r.PackingShare:P0}", $"{r.SingleThreadSeconds:F2}", $"{r.SpeedUpOverOneThread:F2}×", r.Particles.ToString());
        }

        AnsiConsole.Write(table);
        AnsiConsole.MarkupLine($"[grey]preset shape (axes 6.5/3.9/3.9 µm, binder ≤ 0.075, ω 0.5), seed 1; baseline: the same structure on 1 thread, same run; best of 2 each; {Environment.ProcessorCount} threads otherwise.[/]");
        return CliExit.Ok;
    }
}

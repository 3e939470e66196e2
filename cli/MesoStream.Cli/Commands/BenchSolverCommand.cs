using System.ComponentModel;
using MesoStream.Contracts.Specs;
using MesoStream.Generator;
using MesoStream.Solver.Benchmarking;
using Spectre.Console;
using Spectre.Console.Cli;

namespace MesoStream.Cli.Commands;

internal sealed class BenchSolverCommand : Command<BenchSolverCommand.Settings>
{
    public sealed class Settings : CommandSettings
    {
        [CommandOption("--edges <LIST>")]
        [Description("Grid edges, comma-separated.")]
        [DefaultValue("64,128,200")]
        public string Edges { get; init; } = "64,128,200";

        [CommandOption("--porosities <LIST>")]
        [Description("Target porosities of the generated structures (7 % binder), comma-separated.")]
        [DefaultValue("0.3,0.5")]
        public string Porosities { get; init; } = "0.3,0.5";

        [CommandOption("--no-baseline")]
        [Description("Skip the unpreconditioned CG baseline.")]
        public bool NoBaseline { get; init; }

        public int[] ParsedEdges() => Edges.Split(',', StringSplitOptions.TrimEntries).Select(int.Parse).ToArray();

        public double[] ParsedPorosities() =>
            Porosities.Split(',', StringSplitOptions.TrimEntries).Select(p => double.Parse(p, System.Globalization.CultureInfo.InvariantCulture)).ToArray();

        public override ValidationResult Validate()
        {
            try
            {
                return ParsedEdges().All(e => e is >= 16 and <= 512) && ParsedPorosities().All(p => p is >= 0.05 and <= 0.5)
                    ? ValidationResult.Success()
                    : ValidationResult.Error("--edges must lie in [16, 512] and --porosities in [0.05, 0.5] (v_AM = 1 − ε − 0.07 must stay in [0.43, 0.88])");
            }
            catch (FormatException)
            {
                return ValidationResult.Error("--edges and --porosities take comma-separated numbers");
            }
        }
    }

    public override int Execute(CommandContext context, Settings settings, CancellationToken cancellationToken)
    {
        var table = new Table().AddColumns("grid", "ε", "solve", "MG-PCG s", "iterations", "ns/voxel/it", "s/it vs bound", "plain CG s", "speed-up");
        foreach (var edge in settings.ParsedEdges())
        {
            foreach (var porosity in settings.ParsedPorosities())
            {
                var grid = Generated(edge, porosity);
                SolverBenchmarkReport report = null!;
                AnsiConsole.Status().Start($"{edge}³ ε={porosity}…", _ => report = SolverBenchmark.Run(grid, includePlainCg: !settings.NoBaseline));
                foreach (var mg in report.MultigridSolves)
                {
                    var cg = report.PlainCgSolves.FirstOrDefault(c => c.Phase == mg.Phase && c.Axis == mg.Axis);
                    table.AddRow($"{edge}³", $"{report.Porosity:F3}", $"{mg.Phase} {mg.Axis}", $"{mg.Seconds:F2}", mg.Iterations.ToString(),
                        $"{mg.NsPerVoxelIteration:F1}", $"{mg.SecondsPerIteration / mg.BandwidthBoundSecondsPerIteration:F2}×",
                        cg is null ? "" : $"{cg.Seconds:F2}", cg is null ? "" : $"{cg.Seconds / mg.Seconds:F1}×");
                }

                table.AddRow($"{edge}³", $"{report.Porosity:F3}", "[grey]all six[/]", $"{report.MultigridSolves.Sum(s => s.Seconds):F2}", "", "",
                    $"[grey]copy {report.CopyBandwidthBytesPerSecond / 1e9:F1} GB/s[/]", "", "");
            }
        }

        AnsiConsole.Write(table);
        AnsiConsole.MarkupLine("[grey]Structures: the generator's preset shape at the given porosity (7 % binder, seed 1). Plain CG runs in the same process on the same grid.[/]");
        return CliExit.Ok;
    }

    private static Contracts.Structures.VoxelGrid Generated(int edge, double porosity)
    {
        const double binder = 0.07;
        var preset = GeneratorPresets.Fast(1);
        var spec = preset with
        {
            Grid = new GridSpec(edge, edge, edge, 1.0),
            ActiveMaterial = preset.ActiveMaterial with { VolumeFraction = 1 - porosity - binder },
            Binder = preset.Binder with { VolumeFraction = binder },
        };
        return StructureGenerator.Generate(spec).Grid;
    }
}

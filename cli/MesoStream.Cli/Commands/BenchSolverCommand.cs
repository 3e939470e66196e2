using System.ComponentModel;
using System.Globalization;
using MesoStream.Contracts.Specs;
using MesoStream.Generator;
using MesoStream.Solver.Benchmarking;
using MesoStream.Solver.Transport;
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

        [CommandOption("--tiff <FILE>")]
        [Description("Benchmark a researcher's TIFF stack (multi-page file or folder of slices) instead of generated structures; --edges and --porosities are then ignored.")]
        public string? Tiff { get; init; }

        [CommandOption("--labels <MAP>")]
        [Description("With --tiff: raw values to phases, e.g. \"255=0,0=1\" (as for solve).")]
        public string? Labels { get; init; }

        [CommandOption("--phase <PHASE>")]
        [Description("With --tiff: pore, am or all.")]
        [DefaultValue("all")]
        public string Phase { get; init; } = "all";

        [CommandOption("--no-baseline")]
        [Description("Skip the unpreconditioned CG baseline.")]
        public bool NoBaseline { get; init; }

        public int[] ParsedEdges() => Edges.Split(',', StringSplitOptions.TrimEntries).Select(int.Parse).ToArray();

        public double[] ParsedPorosities() =>
            Porosities.Split(',', StringSplitOptions.TrimEntries).Select(p => double.Parse(p, System.Globalization.CultureInfo.InvariantCulture)).ToArray();

        public override ValidationResult Validate()
        {
            if (Phase is not ("pore" or "am" or "all"))
            {
                return ValidationResult.Error($"--phase \"{Phase}\" is unknown: allowed pore, am, all");
            }

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
        if (settings.Tiff is { } tiff)
        {
            var (grid, _, read) = VolumeInput.Load(tiff, null, null, settings.Labels);
            var phases = settings.Phase switch
            {
                "pore" => new[] { ConductingPhase.Pore },
                "am" => [ConductingPhase.ActiveMaterial],
                _ => [ConductingPhase.Pore, ConductingPhase.ActiveMaterial],
            };
            AddRows(table, $"{grid.Nx}×{grid.Ny}×{grid.Nz}", grid, settings, phases);
            AnsiConsole.Write(table);
            AnsiConsole.MarkupLineInterpolated($"[grey]{tiff}: labels {read?.Labels} ({(read?.LabelsAutomatic == true ? "automatic" : "given")}). Solves one phase after the other on all cores; the first solve of a phase includes labelling it and the process's first touch of the solver's memory.[/]");
            return CliExit.Ok;
        }

        foreach (var edge in settings.ParsedEdges())
        {
            foreach (var porosity in settings.ParsedPorosities())
            {
                AddRows(table, $"{edge}³", Generated(edge, porosity), settings, [ConductingPhase.Pore, ConductingPhase.ActiveMaterial]);
            }
        }

        AnsiConsole.Write(table);
        AnsiConsole.MarkupLine("[grey]Structures: the generator's preset shape at the given porosity (7 % binder, seed 1). Plain CG runs in the same process on the same grid.[/]");
        return CliExit.Ok;
    }

    private static void AddRows(Table table, string name, Contracts.Structures.VoxelGrid grid, Settings settings, ConductingPhase[] phases)
    {
        SolverBenchmarkReport report = null!;
        AnsiConsole.Status().Start($"{name}…", _ => report = SolverBenchmark.Run(grid, includePlainCg: !settings.NoBaseline, phases: phases));
        string porosity = report.Porosity.ToString("F3", CultureInfo.InvariantCulture);
        foreach (var mg in report.MultigridSolves)
        {
            var cg = report.PlainCgSolves.FirstOrDefault(c => c.Phase == mg.Phase && c.Axis == mg.Axis);
            table.AddRow(name, porosity, $"{mg.Phase} {mg.Axis}", $"{mg.Seconds:F2}", mg.Iterations.ToString(CultureInfo.InvariantCulture),
                $"{mg.NsPerVoxelIteration:F1}", $"{mg.SecondsPerIteration / mg.BandwidthBoundSecondsPerIteration:F2}×",
                cg is null ? "" : $"{cg.Seconds:F2}", cg is null ? "" : $"{cg.Seconds / mg.Seconds:F1}×");
        }

        string firstOverNext = string.Join(", ", report.FirstSolveRatios.Select(r => $"{r.Phase} {r.FirstOverNext:F2}×"));
        table.AddRow(name, porosity, $"[grey]all {report.MultigridSolves.Count}[/]", $"{report.MultigridSolves.Sum(s => s.Seconds):F2}", "", "",
            $"[grey]copy {report.CopyBandwidthBytesPerSecond / 1e9:F1} GB/s[/]", "", "");
        table.AddRow(name, porosity, "[grey]first/next solve[/]", firstOverNext, "", "", $"[grey]solve {report.SolveBytesPerVoxel:F1} B/voxel, process peak {report.PeakBytesPerVoxel:F1}[/]", "", "");
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

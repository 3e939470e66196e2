using MesoStream.Contracts.Vocabulary;
using System.ComponentModel;
using System.Globalization;
using System.Text.Json;
using MesoStream.Cli.Fields;
using MesoStream.Contracts.Structures;
using MesoStream.Solver.Surfaces;
using MesoStream.Solver.Transport;
using MesoStream.Solver.Volumes;
using Spectre.Console;
using Spectre.Console.Cli;

namespace MesoStream.Cli.Commands;

internal sealed class SolveCommand : Command<SolveCommand.Settings>
{
    public sealed class Settings : CommandSettings
    {
        [CommandArgument(0, "<VOLUME>")]
        [Description("Segmented volume: a TIFF stack (multi-page .tif/.tiff or a folder of slice TIFFs, 8/16-bit; dimensions from the file) or raw uint8, x fastest (e.g. ID.u8 from generate).")]
        public string Volume { get; init; } = string.Empty;

        [CommandOption("--dims <NXxNYxNZ>")]
        [Description("Dimensions of a raw volume; read from the sidecar VOLUME.json when absent (a TIFF stack carries its own).")]
        public string? Dims { get; init; }

        [CommandOption("--voxel-um <U>")]
        [Description("Voxel edge in µm; read from the sidecar when absent.")]
        public double? VoxelUm { get; init; }

        [CommandOption("--phase <PHASE>")]
        [Description("pore (τ), am (σ) or all (both, plus interfacial areas).")]
        [DefaultValue("all")]
        public string Phase { get; init; } = "all";

        [CommandOption("--direction <AXIS>")]
        [Description("x, y, z or all.")]
        [DefaultValue("all")]
        public string Direction { get; init; } = "all";

        [CommandOption("--labels <MAP>")]
        [Description("Map raw values to phases 0 pore, 1 AM, 2 binder, e.g. \"0=0,255=1\" (values not listed are refused). A TIFF stack without it: two values → the smaller is pore; three → pore, AM, binder ascending.")]
        public string? Labels { get; init; }

        [CommandOption("--fields <DIR>")]
        [Description("Write each solve's concentration and flux magnitude (float32 TIFF stacks, 4 bytes per voxel each), a PNG of the mid-plane flux and a JSON description into DIR.")]
        public string? Fields { get; init; }

        [CommandOption("--json")]
        [Description("Print one JSON object with the properties and every solve's diagnostics.")]
        public bool Json { get; init; }

        public override ValidationResult Validate() =>
            Phase is not ("pore" or "am" or "all") ? ValidationResult.Error($"--phase \"{Phase}\" is unknown: allowed pore, am, all")
            : Direction is not ("x" or "y" or "z" or "all") ? ValidationResult.Error($"--direction \"{Direction}\" is unknown: allowed x, y, z, all")
            : VoxelUm is { } u && (!double.IsFinite(u) || u <= 0) ? ValidationResult.Error($"--voxel-um {u} must be a positive number")
            : ValidationResult.Success();
    }

    public override int Execute(CommandContext context, Settings settings, CancellationToken cancellationToken)
    {
        var (grid, _, tiff) = VolumeInput.Load(settings.Volume, settings.Dims, settings.VoxelUm, settings.Labels);
        if (tiff is { LabelsAutomatic: true } && !settings.Json)
        {
            AnsiConsole.MarkupLineInterpolated($"[grey]labels {tiff.Labels} (automatic: raw=phase, 0 pore, 1 AM, 2 binder; pass --labels to choose)[/]");
        }

        Axis[] axes = settings.Direction switch { "x" => [Axis.X], "y" => [Axis.Y], "z" => [Axis.Z], _ => [Axis.X, Axis.Y, Axis.Z] };
        var phases = settings.Phase switch
        {
            "pore" => new (Func<int, EffectiveProperty> Property, ConductingPhase Phase)[] { (EffectiveProperties.Tortuosity, ConductingPhase.Pore) },
            "am" => [(EffectiveProperties.Conductivity, ConductingPhase.ActiveMaterial)],
            _ => [(EffectiveProperties.Tortuosity, ConductingPhase.Pore), (EffectiveProperties.Conductivity, ConductingPhase.ActiveMaterial)],
        };

        var fieldFiles = settings.Fields is { } dir ? new FieldFiles(dir) : null;
        var solves = new List<(string Name, bool Tortuosity, TransportResult Result)>();
        InterfacialAreas? areas = null;
        var transportClock = new System.Diagnostics.Stopwatch();
        AnsiConsole.Progress().Start(progress =>
        {
            var task = progress.AddTask($"solving {grid.Nx}×{grid.Ny}×{grid.Nz}", maxValue: phases.Length * axes.Length + (settings.Phase == "all" ? 1 : 0));
            // The phases side by side; within a phase the three directions share its connectivity analysis.
            transportClock.Start();
            var results = TortuositySolver.Solve(grid, [.. phases.Select(p => p.Phase)], axes, new SolverOptions { Fields = fieldFiles });
            transportClock.Stop();
            for (int p = 0; p < phases.Length; p++)
            {
                var phase = phases[p];
                solves.AddRange(results[p].Select(r => (phase.Property((int)r.Axis).Name, phase.Phase == ConductingPhase.Pore, r)));
            }

            task.Increment(phases.Length * axes.Length);

            if (settings.Phase == "all")
            {
                areas = InterfacialAreaEstimator.Estimate(grid);
                task.Increment(1);
            }
        });

        var properties = new Dictionary<string, double>();
        foreach (var (name, tortuosity, r) in solves)
        {
            properties[name] = tortuosity ? r.Tortuosity : r.EffectiveDiffusivity;
        }

        string[] areaNames = [.. new[] { PropertyId.A01, PropertyId.A02, PropertyId.A12 }.Select(EffectiveProperties.NameOf)];
        if (areas is not null)
        {
            (properties[areaNames[0]], properties[areaNames[1]], properties[areaNames[2]]) = (areas.A01, areas.A02, areas.A12);
        }

        properties[MeasuredFractions.Porosity] = grid.Fraction(VoxelLabels.Pore);
        if (settings.Json)
        {
            Console.WriteLine(JsonSerializer.Serialize(new
            {
                volume = settings.Volume,
                dims = new[] { grid.Nx, grid.Ny, grid.Nz },
                voxel_um = grid.VoxelUm,
                labels = tiff?.Labels.ToString() ?? settings.Labels,
                labels_automatic = tiff?.LabelsAutomatic ?? false,
                properties,
                transport_seconds = transportClock.Elapsed.TotalSeconds,
                fields = fieldFiles?.Written,
                solves = solves.ToDictionary(s => s.Name, s => new
                {
                    percolates = s.Result.Percolates,
                    percolating_fraction = s.Result.PercolatingFraction,
                    effective_diffusivity = s.Result.EffectiveDiffusivity,
                    volume_fraction = s.Result.VolumeFraction,
                    iterations = s.Result.Iterations,
                    relative_residual = s.Result.RelativeResidual,
                    flux_mismatch = s.Result.FluxMismatch,
                    converged = s.Result.Converged,
                    seconds = s.Result.Seconds,
                    iteration_seconds = s.Result.IterationSeconds,
                    workspace_bytes_per_voxel = (double)s.Result.WorkspaceBytes / grid.VoxelCount,
                }),
            }, CliJson.Options));
        }
        else
        {
            var table = new Table().AddColumns("property", "value", "percolates", "iterations", "residual", "flux mismatch", "seconds");
            foreach (var (name, _, r) in solves)
            {
                table.AddRow(name, properties[name].ToString("G6", CultureInfo.InvariantCulture), r.Percolates ? "yes" : "[red]no[/]",
                    r.Iterations.ToString(CultureInfo.InvariantCulture), r.RelativeResidual.ToString("E1", CultureInfo.InvariantCulture),
                    r.FluxMismatch.ToString("E1", CultureInfo.InvariantCulture), r.Seconds.ToString("F2", CultureInfo.InvariantCulture));
            }

            foreach (var name in areaNames.Where(properties.ContainsKey))
            {
                table.AddRow(name, properties[name].ToString("G6", CultureInfo.InvariantCulture) + " 1/m");
            }

            table.AddRow(MeasuredFractions.Porosity, properties[MeasuredFractions.Porosity].ToString("G6", CultureInfo.InvariantCulture));

            AnsiConsole.Write(table);
            if (fieldFiles is not null)
            {
                AnsiConsole.MarkupLineInterpolated($"fields: {fieldFiles.Written.Count} files in {settings.Fields}");
            }

            AnsiConsole.MarkupLine($"{solves.Count} transport solves in {transportClock.Elapsed.TotalSeconds:F2} s (phases side by side, so each solve's seconds overlap)");
        }

        return solves.All(s => s.Result.Converged) ? CliExit.Ok : CliExit.Failure;
    }
}

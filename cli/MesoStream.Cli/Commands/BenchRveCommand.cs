using System.ComponentModel;
using System.Globalization;
using System.Text.Json;
using MesoStream.Cli.Benchmarks;
using Spectre.Console;
using Spectre.Console.Cli;

namespace MesoStream.Cli.Commands;

/// <summary>The representative-volume study: replicate scatter of τ, σ and a against box size and resolution, with the cost.</summary>
internal sealed class BenchRveCommand : Command<BenchRveCommand.Settings>
{
    public sealed class Settings : CommandSettings
    {
        [CommandOption("--grids <LIST>")]
        [Description("Grids as EDGE@VOXEL_UM, comma-separated (64@1 is 64³ voxels of 1 µm).")]
        [DefaultValue("64@1,96@1,128@1,100@2")]
        public string Grids { get; init; } = "64@1,96@1,128@1,100@2";

        [CommandOption("--replicates <R>")]
        [Description("Seeds per design and grid (at least 2).")]
        [DefaultValue(4)]
        public int Replicates { get; init; }

        [CommandOption("--tolerance <CV>")]
        [Description("The largest coefficient of variation of τ a representative grid may show (0.05 = 5 %).")]
        [DefaultValue(0.05)]
        public double Tolerance { get; init; }

        [CommandOption("--json")]
        [Description("Print the cells and the recommendation as JSON.")]
        public bool Json { get; init; }

        public override ValidationResult Validate()
        {
            if (Replicates < 2)
            {
                return ValidationResult.Error("--replicates must be at least 2 (a scatter needs two structures)");
            }

            if (!(Tolerance > 0 && Tolerance < 1))
            {
                return ValidationResult.Error("--tolerance must lie in (0, 1)");
            }

            try
            {
                _ = ParseGrids();
                return ValidationResult.Success();
            }
            catch (ArgumentException e)
            {
                return ValidationResult.Error(e.Message);
            }
        }

        public RveGrid[] ParseGrids() => [.. Grids.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries).Select(RveGrid.Parse)];
    }

    /// <summary>The porosity near which the study preset is chosen (the paper's typical electrode, issue 16).</summary>
    private const double TypicalPorosity = 0.3;

    public override int Execute(CommandContext context, Settings settings, CancellationToken cancellationToken)
    {
        var grids = settings.ParseGrids();
        var designs = RepresentativeVolumeStudy.Designs;
        var cells = new List<RveCell>();
        AnsiConsole.Progress().Start(progress =>
        {
            var task = progress.AddTask("structures", maxValue: designs.Count * grids.Length * settings.Replicates);
            foreach (var grid in grids)
            {
                foreach (var design in designs)
                {
                    task.Description = $"{design.Name}, {grid.Label}";
                    cells.Add(RepresentativeVolumeStudy.Measure(design, grid, settings.Replicates, () => task.Increment(1)));
                }
            }
        });
        var chosen = RepresentativeVolumeStudy.Cheapest(cells, settings.Tolerance, TypicalPorosity);

        if (settings.Json)
        {
            Console.WriteLine(JsonSerializer.Serialize(new
            {
                Cells = cells.Select(c => new { Cell = c, TauBias = RepresentativeVolumeStudy.TauBias(cells, c) }),
                Recommended = chosen?.Grid,
                settings.Tolerance,
            }, CliJson.Options));
            return CliExit.Ok;
        }

        var culture = CultureInfo.InvariantCulture;
        var table = new Table().AddColumns("design", "grid", "box µm", "ε", "mean τ x/y/z", "τ bias", "CV τ", "CV σ", "CV a", "s each");
        foreach (var c in cells.OrderBy(c => c.Design.ActiveFraction).ThenBy(c => c.SecondsPerStructure))
        {
            string blocked = c.NonPercolating > 0 ? $" ({c.NonPercolating}/{c.Replicates} blocked)" : string.Empty;
            table.AddRow(c.Design.Name + blocked, c.Grid.Label, c.Grid.BoxUm.ToString("0", culture), c.Porosity.ToString("F2", culture),
                string.Join("/", c.TauMean.Select(t => t.ToString("F1", culture))),
                RepresentativeVolumeStudy.TauBias(cells, c).ToString("P0", culture),
                c.TauCv.ToString("P1", culture), c.SigmaCv.ToString("P1", culture), c.AreaCv.ToString("P1", culture),
                c.SecondsPerStructure.ToString("F2", culture));
        }

        AnsiConsole.Write(table);
        AnsiConsole.MarkupLine(chosen is null
            ? $"[yellow]no grid keeps τ's scatter and bias within {settings.Tolerance:P0} at ε ≈ {TypicalPorosity}: try larger boxes or finer voxels[/]"
            : $"[bold]cheapest grid with τ scatter and bias ≤ {settings.Tolerance:P0} at ε ≈ {TypicalPorosity}: {chosen.Grid.Label}[/] ({chosen.Grid.BoxUm:0} µm box, CV τ {chosen.TauCv:P1}, {chosen.SecondsPerStructure:F2} s per structure)");
        AnsiConsole.MarkupLine($"[grey]{settings.Replicates} seeds per cell (seeds 1…{settings.Replicates}); CV = sample sd / mean over the seeds, the largest of the three directions or areas; " +
            $"τ bias = largest |mean τ − reference| / reference per direction, the reference being the design's finest voxels in the largest box; seconds = generate + six solves + areas, {Environment.ProcessorCount} cores.[/]");
        return CliExit.Ok;
    }
}

using MesoStream.Contracts.Vocabulary;
using MesoStream.Modelling.Featurization;
using System.ComponentModel;
using System.Globalization;
using System.Text.Json;
using MesoStream.Contracts.Structures;
using MesoStream.Descriptor.Descriptors;
using Spectre.Console;
using Spectre.Console.Cli;

namespace MesoStream.Cli.Commands;

internal sealed class DescribeCommand : Command<DescribeCommand.Settings>
{
    public sealed class Settings : CommandSettings
    {
        [CommandArgument(0, "<VOLUME>")]
        [Description("Segmented volume: a TIFF stack (multi-page .tif/.tiff or a folder of slices, 8/16-bit) or raw uint8, x fastest.")]
        public string Volume { get; init; } = string.Empty;

        [CommandOption("--dims <NXxNYxNZ>")]
        [Description("Dimensions of a raw volume; read from the sidecar when absent (a TIFF stack carries its own).")]
        public string? Dims { get; init; }

        [CommandOption("--voxel-um <U>")]
        [Description("Voxel edge in µm; read from the sidecar when absent.")]
        public double? VoxelUm { get; init; }

        [CommandOption("--particles <SIDECAR>")]
        [Description("Sidecar JSON with the particle list and spec (default: VOLUME.json next to the volume).")]
        public string? Particles { get; init; }

        [CommandOption("--labels <MAP>")]
        [Description("Map raw values to phases, e.g. \"0=0,255=1\".")]
        public string? Labels { get; init; }

        [CommandOption("--features")]
        [Description("Add the 4950 named features (99 functions of D1–D11 and their pairwise products).")]
        public bool Features { get; init; }

        [CommandOption("--json")]
        [Description("Print one JSON object.")]
        public bool Json { get; init; }
    }

    public override int Execute(CommandContext context, Settings settings, CancellationToken cancellationToken)
    {
        var (grid, sidecar, _) = VolumeInput.Load(settings.Volume, settings.Dims, settings.VoxelUm, settings.Labels, settings.Particles);
        DescriptorSet descriptors = null!;
        AnsiConsole.Status().Start($"describing {grid.Nx}×{grid.Ny}×{grid.Nz}…",
            _ => descriptors = DescriptorCalculator.Calculate(grid, sidecar?.Particles is { Count: > 0 } p ? p : null, sidecar?.Spec));

        Dictionary<string, double>? features = null;
        if (settings.Features)
        {
            var values = Featurizer.Featurize(descriptors.ToVector());
            features = FeatureNames.All.Select((name, i) => (name, i)).ToDictionary(x => x.name, x => values[x.i]);
        }

        if (settings.Json)
        {
            Console.WriteLine(JsonSerializer.Serialize(new
            {
                volume = settings.Volume,
                descriptors = descriptors.Values.Where(v => v.IsAvailable).ToDictionary(v => v.Name, v => v.Value),
                unavailable = descriptors.Values.Where(v => !v.IsAvailable).ToDictionary(v => v.Name, v => v.UnavailableReason),
                pore_size_distribution = descriptors.PoreSizes is { } c ? new
                {
                    mean_radius_um = c.MeanRadiusUm,
                    median_radius_um = c.MedianRadiusUm,
                    radius_um = c.RadiiUm,
                    covered_fraction = c.CoveredFraction,
                } : null,
                features,
            }, CliJson.Options));
            return CliExit.Ok;
        }

        var table = new Table().AddColumns("descriptor", "value");
        foreach (var v in descriptors.Values)
        {
            table.AddRow($"D{(int)v.Id} {v.Name}", v.IsAvailable ? v.Value!.Value.ToString("G6", CultureInfo.InvariantCulture) : $"[grey]unavailable: {Markup.Escape(v.UnavailableReason ?? "")}[/]");
        }

        if (descriptors.PoreSizes is { } psd)
        {
            table.AddRow("c-PSD median radius (µm)", psd.MedianRadiusUm.ToString("G6", CultureInfo.InvariantCulture));
        }

        AnsiConsole.Write(table);
        if (features is not null)
        {
            AnsiConsole.WriteLine($"{features.Count} features, e.g. {string.Join(", ", features.Take(3).Select(f => $"{f.Key} = {f.Value:G4}"))}; use --json for all");
        }

        return CliExit.Ok;
    }
}

using MesoStream.Contracts.Vocabulary;
using System.ComponentModel;
using MesoStream.Contracts.Specs;
using MesoStream.Descriptor.Benchmarking;
using MesoStream.Generator;
using Spectre.Console;
using Spectre.Console.Cli;

namespace MesoStream.Cli.Commands;

internal sealed class BenchDescriptorCommand : Command<BenchDescriptorCommand.Settings>
{
    public sealed class Settings : CommandSettings
    {
        [CommandOption("--edges <LIST>")]
        [Description("Grid edges, comma-separated.")]
        [DefaultValue("64,200")]
        public string Edges { get; init; } = "64,200";
    }

    public override int Execute(CommandContext context, Settings settings, CancellationToken cancellationToken)
    {
        var table = new Table().AddColumns("grid", "distance map s", "c-PSD s", "all descriptors s", "threads", "mean pore radius µm");
        foreach (var edge in settings.Edges.Split(',', StringSplitOptions.TrimEntries).Select(int.Parse))
        {
            var spec = GeneratorPresets.Fast(1) with { Grid = new GridSpec(edge, edge, edge, 1.0) };
            var structure = StructureGenerator.Generate(spec);
            DescriptorBenchmarkReport report = null!;
            AnsiConsole.Status().Start($"{edge}³…", _ => report = DescriptorBenchmark.Run(structure.Grid, structure.Particles, spec));
            table.AddRow($"{edge}³", $"{report.DistanceMapSeconds:F3}", $"{report.PoreSizeSeconds:F3}", $"{report.TotalSeconds:F3}",
                report.Threads.ToString(), $"{report.Descriptors[Contracts.Vocabulary.DescriptorId.MeanPoreRadius].Value:F3}");
        }

        AnsiConsole.Write(table);
        AnsiConsole.MarkupLine("[grey]generator preset structure, seed 1; best of 3 after a warm-up; c-PSD = local thickness + curve given the distance map.[/]");
        return CliExit.Ok;
    }
}

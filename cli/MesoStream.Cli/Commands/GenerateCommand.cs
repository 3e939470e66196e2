using System.ComponentModel;
using System.Text.Json;
using MesoStream.Contracts.Specs;
using MesoStream.Contracts.Structures;
using MesoStream.Generator;
using MesoStream.Generator.Pictures;
using Spectre.Console;
using Spectre.Console.Cli;

namespace MesoStream.Cli.Commands;

internal sealed class GenerateCommand : Command<GenerateCommand.Settings>
{
    public sealed class Settings : CommandSettings
    {
        [CommandOption("--spec <FILE>")]
        [Description("A StructureSpec JSON file (schema mesostream.structure-spec/1).")]
        public string? Spec { get; init; }

        [CommandOption("--preset <NAME>")]
        [Description("fast (64³ at 1 µm) or paper (200³ at 1 µm): the representative structure, instead of --spec.")]
        public string? Preset { get; init; }

        [CommandOption("--seed <S>")]
        [Description("Seed for --preset.")]
        [DefaultValue(1L)]
        public long Seed { get; init; }

        [CommandOption("-o|--out <DIR>")]
        [Description("Directory for ID.u8 (raw uint8, x fastest), ID.json (sidecar) and ID.png (mid-plane slices).")]
        public string Out { get; init; } = string.Empty;

        [CommandOption("--json")]
        [Description("Print the result as JSON.")]
        public bool Json { get; init; }

        public override ValidationResult Validate() =>
            string.IsNullOrWhiteSpace(Out) ? ValidationResult.Error("--out DIR is required")
            : (Spec is null) == (Preset is null) ? ValidationResult.Error($"give exactly one of --spec FILE or --preset {CliChoices.Preset.Allowed}")
            : CliChoices.Preset.Validate(Preset);
    }

    public override int Execute(CommandContext context, Settings settings, CancellationToken cancellationToken)
    {
        var spec = settings.Spec is { } file
            ? StructureSpec.Parse(File.ReadAllBytes(file))
            : GeneratorPresets.Representative(CliChoices.Preset.Parse(settings.Preset!), settings.Seed);

        GenerationResult result = null!;
        AnsiConsole.Status().Start($"generating {spec.Id} ({spec.Grid.Nx}×{spec.Grid.Ny}×{spec.Grid.Nz})…", _ => result = StructureGenerator.Generate(spec));

        Directory.CreateDirectory(settings.Out);
        var stem = Path.Combine(settings.Out, spec.Id);
        File.WriteAllBytes(stem + ".u8", result.Grid.Labels);
        var statistics = GenerationReport.ToJson(result.Statistics);
        File.WriteAllText(stem + ".json", new VolumeSidecar(spec.Id, result.Grid.Nx, result.Grid.Ny, result.Grid.Nz, result.Grid.VoxelUm,
            spec, result.Particles, statistics).ToJson());
        SlicePicture.WritePng(result.Grid, stem + ".png");

        if (settings.Json)
        {
            Console.WriteLine(JsonSerializer.Serialize(new
            {
                id = spec.Id,
                volume = stem + ".u8",
                sidecar = stem + ".json",
                picture = stem + ".png",
                statistics = JsonDocument.Parse(statistics).RootElement,
            }, CliJson.Options));
            return CliExit.Ok;
        }

        var s = result.Statistics;
        var table = new Table().AddColumns("quantity", "target", "achieved");
        table.AddRow("active material fraction", $"{spec.ActiveMaterial.VolumeFraction:F4}", $"{s.ActiveFraction:F4}");
        table.AddRow("binder fraction", $"{spec.Binder.VolumeFraction:F4}", $"{s.BinderFraction:F4}");
        table.AddRow("particles", "", s.ParticleCount.ToString());
        table.AddRow("AM covered by ≥ 2 particles", "", $"{s.OverlapCoverage:F4}");
        table.AddRow("seconds (packing + binder)", "", $"{s.Seconds:F2}");
        AnsiConsole.Write(table);
        AnsiConsole.WriteLine($"wrote {stem}.u8, {stem}.json, {stem}.png");
        return CliExit.Ok;
    }
}

using System.Globalization;
using MesoStream.Contracts.Specs;
using MesoStream.Generator;
using MesoStream.Infra.Hosting;
using Microsoft.Extensions.Configuration;

namespace MesoStream.Planner.Service;

/// <summary>The planner's command-line options (beyond the shared service options): the campaign it plans for and how.</summary>
public sealed record PlannerOptions(PlannerSettings Settings)
{
    public static IReadOnlyList<(string Name, string Help)> Help { get; } =
    [
        ("campaign", "LABEL     campaign label of every proposed spec (required)"),
        ("seed", "S             campaign seed: with the model's dataset size it seeds each candidate pool (default 1)"),
        ("preset", "NAME        grid of the proposed specs: fast (64³), study (128³) or paper (200³) (default fast)"),
        ("budget", "N           the dataset size to stop at: no batch once a model is trained on N structures; the trainer's dataset must be the campaign's (required)"),
        ("batch", "B            specs proposed per model version (default 50)"),
        ("pool", "N             Sobol candidates drawn per model version (default 50000)"),
        ("shortlist", "K        the batch is spread (max-min) over the K × batch most uncertain candidates (default 16)"),
        ("targets", "LIST       properties whose uncertainty counts, comma-separated (default tau_x,…,sigma_z)"),
        ("artifact-key-file", "PATH  plan only from artifacts signed with the key in PATH (HMAC-SHA256, as the trainer signs)"),
    ];

    /// <summary>The key artifacts must be signed with; null: unsigned artifacts are accepted.</summary>
    public byte[]? ArtifactKey { get; init; }

    /// <summary>The command line <see cref="From"/> reads back (how <c>mesostream up --design active</c> starts its planner).</summary>
    public IReadOnlyList<string> ToArguments() =>
    [
        "--campaign", Settings.Campaign,
        "--seed", Settings.Seed.ToString(CultureInfo.InvariantCulture),
        "--preset", PresetName(Settings.Grid),
        "--budget", Settings.Budget.ToString(CultureInfo.InvariantCulture),
        "--batch", Settings.BatchSize.ToString(CultureInfo.InvariantCulture),
        "--pool", Settings.PoolSize.ToString(CultureInfo.InvariantCulture),
        "--shortlist", Settings.ShortlistFactor.ToString(CultureInfo.InvariantCulture),
        "--targets", string.Join(",", Settings.Targets),
    ];

    /// <summary>Reads the options; a bad value throws <see cref="ArgumentException"/> naming the option and what is allowed.</summary>
    public static PlannerOptions From(IConfiguration config)
    {
        long Number(string key, long fallback)
        {
            var text = config[key];
            if (text is null)
            {
                return fallback;
            }

            return long.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value)
                ? value
                : throw new ArgumentException($"--{key} must be an integer, got \"{text}\"");
        }

        // Out-of-range values are clamped into int only so that the settings' own check names them with their range.
        int Int(string key, int fallback) => (int)Math.Clamp(Number(key, fallback), int.MinValue, int.MaxValue);

        var campaign = config["campaign"] ?? throw new ArgumentException("--campaign is required: the label of the campaign the planner proposes specs for");
        var budget = config["budget"] is null ? throw new ArgumentException("--budget is required: how many structures the campaign may simulate in all") : Int("budget", 0);
        var preset = config["preset"] ?? "fast";
        var grid = Presets.TryGetValue(preset, out var p) ? GeneratorPresets.Grid(p)
            : throw new ArgumentException($"--preset must be one of {string.Join(", ", Presets.Keys)}, got \"{preset}\"");
        var settings = new PlannerSettings(campaign, Number("seed", 1), grid, budget, Int("batch", 50))
        {
            PoolSize = Int("pool", PlannerSettings.DefaultPoolSize),
            ShortlistFactor = Int("shortlist", PlannerSettings.DefaultShortlistFactor),
            Targets = config["targets"] is { } targets ? [.. targets.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)] : PlannerSettings.DefaultTargets,
        };
        var problems = settings.Problems().ToList();
        if (problems.Count > 0)
        {
            throw new ArgumentException("--" + string.Join("; --", problems));
        }

        return new PlannerOptions(settings)
        {
            ArtifactKey = config["artifact-key-file"] is { } keyFile ? KeyFile.Read(keyFile, "artifact-key-file") : null,
        };
    }

    private static readonly Dictionary<string, GridPreset> Presets = new(StringComparer.Ordinal)
    {
        ["fast"] = GridPreset.Fast, ["study"] = GridPreset.Study, ["paper"] = GridPreset.Paper,
    };

    private static string PresetName(GridSpec grid) =>
        Presets.FirstOrDefault(p => GeneratorPresets.Grid(p.Value) == grid).Key
        ?? throw new InvalidOperationException($"the planner's command line names a preset; {grid} is none of {string.Join(", ", Presets.Keys)}");
}

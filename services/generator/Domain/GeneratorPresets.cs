using MesoStream.Contracts.Specs;

namespace MesoStream.Generator;

/// <summary>
/// Grid presets (docs/methods.md, "Presets") and one representative spec for each: the middle of the paper's ranges
/// (v_AM 0.40–0.80 → 0.6, binder 0.05–0.10 → 0.075, ω 0.1–0.9 → 0.5), prolate particles with semi-axes
/// [6.5, 3.9, 3.9] µm (a/b = 5/3, R_eq = (abc)^(1/3) ≈ 4.6 µm, mid of 2–7 µm) and isotropic orientation (a1 = a2 = 1).
/// </summary>
public static class GeneratorPresets
{
    /// <summary>`fast`: 64³ voxels of 1 µm, for demos and tests.</summary>
    public static GridSpec FastGrid { get; } = new(64, 64, 64, 1.0);

    /// <summary>`paper`: 200³ voxels of 1 µm, the paper's 200 µm cube.</summary>
    public static GridSpec PaperGrid { get; } = new(200, 200, 200, 1.0);

    public static GridSpec Grid(GridPreset preset) => preset switch
    {
        GridPreset.Fast => FastGrid,
        GridPreset.Paper => PaperGrid,
        _ => throw new ArgumentOutOfRangeException(nameof(preset), preset, "unknown grid preset"),
    };

    public static StructureSpec Fast(long seed) => Representative(seed, FastGrid, "fast");

    public static StructureSpec Paper(long seed) => Representative(seed, PaperGrid, "paper");

    private static StructureSpec Representative(long seed, GridSpec grid, string label)
    {
        var spec = new StructureSpec(
            string.Empty,
            seed,
            grid,
            new ActiveMaterialSpec(0.6, new SemiAxes(6.5, 3.9, 3.9), 1.0, 1.0),
            new BinderSpec(0.075, 0.5),
            "preset-" + label);
        return spec with { Id = spec.ContentId() };
    }
}

/// <summary>Named grid sizes (docs/methods.md, "Presets").</summary>
public enum GridPreset
{
    Fast,
    Paper,
}

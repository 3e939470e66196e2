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

    /// <summary>
    /// `study`: 128³ voxels of 1 µm, the cheapest grid whose τ replicate scatter (3.7 %) and bias against 200³
    /// (1.0 %) both stay within 5 % at ε ≈ 0.3 in `mesostream bench rve` (docs/methods.md, "Presets"): 64³ scatters
    /// 11 % (56 % near percolation), and 2 µm voxels close pore throats (τ +47 % at ε ≈ 0.3).
    /// </summary>
    public static GridSpec StudyGrid { get; } = new(128, 128, 128, 1.0);

    public static GridSpec Grid(GridPreset preset) => preset switch
    {
        GridPreset.Fast => FastGrid,
        GridPreset.Paper => PaperGrid,
        GridPreset.Study => StudyGrid,
        _ => throw new ArgumentOutOfRangeException(nameof(preset), preset, "unknown grid preset"),
    };

    public static StructureSpec Fast(long seed) => Representative(seed, FastGrid, "fast");

    public static StructureSpec Paper(long seed) => Representative(seed, PaperGrid, "paper");

    public static StructureSpec Study(long seed) => Representative(seed, StudyGrid, "study");

    public static StructureSpec Representative(GridPreset preset, long seed) => preset switch
    {
        GridPreset.Fast => Fast(seed),
        GridPreset.Paper => Paper(seed),
        GridPreset.Study => Study(seed),
        _ => throw new ArgumentOutOfRangeException(nameof(preset), preset, "unknown grid preset"),
    };

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
    Study,
}

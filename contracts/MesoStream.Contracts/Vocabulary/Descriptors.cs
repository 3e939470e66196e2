using System.Globalization;
using MesoStream.Contracts.Specs;

namespace MesoStream.Contracts.Vocabulary;

/// <summary>
/// One descriptor as every stage names it: the column of a descriptors-computed batch, of the dataset (Parquet, CSV),
/// of a prediction request, and the stem of its feature names. <see cref="Min"/>/<see cref="Max"/> are what a value may
/// be anywhere in the pipeline (see <see cref="Descriptors"/> for why the floors are not zero).
/// </summary>
public sealed record Descriptor(DescriptorId Id, string Name, string Unit, string Meaning, double Min, double Max)
{
    /// <summary>D1…D11 position, 0-based: the descriptor's index in every descriptor vector.</summary>
    public int Index => (int)Id - 1;

    public bool Allows(double value) => double.IsFinite(value) && value >= Min && value <= Max;

    public string Range => string.Create(CultureInfo.InvariantCulture, $"[{Min:G3}, {Max:G6}]");

    /// <summary>The violation message for <paramref name="value"/>, or null when it is allowed.</summary>
    public string? Check(double value) => Allows(value)
        ? null
        : string.Create(CultureInfo.InvariantCulture,
            $"{value} is outside the allowed range {Range} (a finite number the features can take: they use X³, 1/X³ and ln X, which leave the double range outside it)");
}

/// <summary>
/// The eleven descriptors (paper Fig. 9a), defined here once. The featurization takes X, 1/X, X^±0.5, X^±2, X^±3 and
/// ln X of every descriptor and multiplies them in pairs, so "positive" is not enough for a value: v_am = 1e-300 gives
/// 1/X³ = ∞ and X³ = 0, their product NaN. The floors are the smallest values a structure the contracts allow can
/// resolve (one voxel of the largest grid, half the finest voxel, the most elongated semi-axis ratio); within them
/// every base feature stays below 1e25 in magnitude, so every product is finite. The upper bounds are what a
/// structure the generator accepts can have. r_eq and mean_pore_size are radii in µm (the pore size is the c-PSD's
/// mean radius to the nearest solid voxel, docs/methods.md).
/// </summary>
public static class Descriptors
{
    /// <summary>The smallest non-zero fraction a structure resolves: one voxel of the largest grid (1/512³ ≈ 7.5e-9).</summary>
    public const double MinFraction = 1.0 / ((double)SpecLimits.MaxGridEdge * SpecLimits.MaxGridEdge * SpecLimits.MaxGridEdge);

    /// <summary>The shortest length a structure resolves, in µm: half the finest voxel.</summary>
    public const double MinLengthUm = SpecLimits.MinVoxelUm / 2;

    private const double MaxShapeRatio = SpecLimits.MaxSemiAxisUm / SpecLimits.MinSemiAxisUm;

    public static IReadOnlyList<Descriptor> All { get; } =
    [
        new(DescriptorId.ActiveMaterialFraction, "v_am", "1", "active-material volume fraction", MinFraction, 1),
        new(DescriptorId.BinderFraction, "v_s", "1", "binder volume fraction", MinFraction, 1),
        new(DescriptorId.BinderMorphology, "omega", "1", "binder morphology factor ω", MinFraction, SpecLimits.MaxOmega),
        new(DescriptorId.OverlapFactor, "gamma", "1", "overlap factor γ (Eq. 1)", MinFraction, 1),
        new(DescriptorId.EquivalentRadius, "r_eq", "µm", "equivalent radius R_eq (Eq. 2)", MinLengthUm, SpecLimits.MaxSemiAxisUm),
        new(DescriptorId.Eccentricity, "eccentricity", "1", "eccentricity a/c (Eq. 3)", 1 / MaxShapeRatio, MaxShapeRatio),
        new(DescriptorId.Rectangularity, "rectangularity", "1", "rectangularity S/S_cuboid (Eq. 4)", MinFraction, 1),
        new(DescriptorId.Sphericity, "sphericity", "1", "sphericity (Eq. 5)", MinFraction, 1),
        new(DescriptorId.MeanPoreRadius, "mean_pore_size", "µm", "mean pore radius of the c-PSD", MinLengthUm, SpecLimits.MaxGridEdge * SpecLimits.MaxVoxelUm),
        new(DescriptorId.AnisotropyA1, "a1", "1", "orientation parameter a1 (Eq. 6)", SpecLimits.MinAnisotropy, SpecLimits.MaxAnisotropy),
        new(DescriptorId.AnisotropyA2, "a2", "1", "orientation parameter a2 (Eq. 6)", SpecLimits.MinAnisotropy, SpecLimits.MaxAnisotropy),
    ];

    public const int Count = 11;

    /// <summary>The names in D1…D11 order.</summary>
    public static IReadOnlyList<string> Names { get; } = [.. All.Select(d => d.Name)];

    public static Descriptor Of(DescriptorId id) => All[(int)id - 1];

    /// <summary>
    /// The descriptors a spec alone fixes, without generating its structure: the requested fractions and ω (the
    /// generator meets v_am within ±0.5 % and the binder fraction exactly), the particle shape's D5–D8 (every particle
    /// has the spec's semi-axes) and the anisotropy parameters. γ (D4) and the mean pore size (D9) depend on where the
    /// particles fall, so only a generated structure has them. The active-learning planner scores 50,000 candidate
    /// specs in this space (docs/active-learning.md).
    /// </summary>
    public static IReadOnlyList<DescriptorId> SpecDetermined { get; } =
    [
        DescriptorId.ActiveMaterialFraction, DescriptorId.BinderFraction, DescriptorId.BinderMorphology,
        DescriptorId.EquivalentRadius, DescriptorId.Eccentricity, DescriptorId.Rectangularity, DescriptorId.Sphericity,
        DescriptorId.AnisotropyA1, DescriptorId.AnisotropyA2,
    ];

    public static string NameOf(DescriptorId id) => Of(id).Name;
}

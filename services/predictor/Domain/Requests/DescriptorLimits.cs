using System.Globalization;
using MesoStream.Contracts.Specs;
using MesoStream.Trainer.Dataset;

namespace MesoStream.Predictor.Requests;

/// <summary>
/// What a descriptor may hold, per column (<see cref="DatasetColumns.Descriptors"/> order), for a row sent directly
/// and for the descriptors derived from a spec alike. The featurization takes X, 1/X, X^±0.5, X^±2, X^±3 and ln X of
/// every descriptor and multiplies them in pairs, so "positive" is not enough: v_am = 1e-300 gives 1/X³ = ∞ and
/// X³ = 0, their product NaN, and every property NaN. The floors are the smallest values a structure the contracts
/// allow can resolve (one voxel of the largest grid, half the finest voxel, the most elongated semi-axis ratio); within
/// them every base feature stays below 1e25 in magnitude, so every product is finite
/// (<c>DomainTests.Every_feature_is_finite_at_every_corner_of_the_descriptor_limits</c>). The upper bounds are what a
/// structure the generator accepts can have. Values inside these limits but outside a model's training ranges are
/// answered and flagged as extrapolation.
/// </summary>
public static class DescriptorLimits
{
    public sealed record Limit(string Column, double Min, double Max)
    {
        public bool Allows(double value) => double.IsFinite(value) && value >= Min && value <= Max;

        public string Range => string.Create(CultureInfo.InvariantCulture, $"[{Min:G3}, {Max:G6}]");
    }

    /// <summary>The smallest non-zero fraction a structure resolves: one voxel of the largest grid (1/512³ ≈ 7.5e-9).</summary>
    public const double MinFraction = 1.0 / ((double)SpecLimits.MaxGridEdge * SpecLimits.MaxGridEdge * SpecLimits.MaxGridEdge);

    /// <summary>The shortest length a structure resolves, in µm: half the finest voxel.</summary>
    public const double MinLengthUm = SpecLimits.MinVoxelUm / 2;

    private const double MaxShapeRatio = SpecLimits.MaxSemiAxisUm / SpecLimits.MinSemiAxisUm;

    public static IReadOnlyList<Limit> All { get; } =
    [
        new("v_am", MinFraction, 1),
        new("v_s", MinFraction, 1),
        new("omega", MinFraction, SpecLimits.MaxOmega),
        new("gamma", MinFraction, 1),
        new("r_eq", MinLengthUm, SpecLimits.MaxSemiAxisUm),
        new("eccentricity", 1 / MaxShapeRatio, MaxShapeRatio),
        new("rectangularity", MinFraction, 1),
        new("sphericity", MinFraction, 1),
        new("mean_pore_size", MinLengthUm, SpecLimits.MaxGridEdge * SpecLimits.MaxVoxelUm),
        new("a1", SpecLimits.MinAnisotropy, SpecLimits.MaxAnisotropy),
        new("a2", SpecLimits.MinAnisotropy, SpecLimits.MaxAnisotropy),
    ];

    /// <summary>The violation message for <paramref name="value"/> in column <paramref name="d"/>, or null when it is allowed.</summary>
    public static string? Check(int d, double value) => All[d].Allows(value)
        ? null
        : string.Create(CultureInfo.InvariantCulture,
            $"{value} is outside the allowed range {All[d].Range} (a finite number the features can take: they use X³, 1/X³ and ln X, which leave the double range outside it)");
}

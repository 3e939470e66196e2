using System.Globalization;
using MesoStream.Contracts.Specs;
using MesoStream.Trainer.Dataset;

namespace MesoStream.Predictor.Requests;

/// <summary>
/// What a descriptor row may hold, per column (<see cref="DatasetColumns.Descriptors"/> order). Every descriptor must
/// be positive and finite because the featurization takes logarithms and negative powers; the upper bounds are what a
/// structure the generator accepts can have (fractions ≤ 1, shape ratios of semi-axes within the spec limits).
/// Values inside these limits but outside a model's training ranges are answered and flagged as extrapolation.
/// </summary>
public static class DescriptorLimits
{
    public sealed record Limit(string Column, double Min, bool MinInclusive, double Max)
    {
        public bool Allows(double value) => double.IsFinite(value) && (MinInclusive ? value >= Min : value > Min) && value <= Max;

        public string Range => string.Create(CultureInfo.InvariantCulture, $"{(MinInclusive ? '[' : '(')}{Min}, {Max}]");
    }

    private const double MaxShapeRatio = SpecLimits.MaxSemiAxisUm / SpecLimits.MinSemiAxisUm;

    public static IReadOnlyList<Limit> All { get; } =
    [
        new("v_am", 0, false, 1),
        new("v_s", 0, false, 1),
        new("omega", 0, false, SpecLimits.MaxOmega),
        new("gamma", 0, false, 1),
        new("r_eq", 0, false, SpecLimits.MaxSemiAxisUm),
        new("eccentricity", 0, false, MaxShapeRatio),
        new("rectangularity", 0, false, 1),
        new("sphericity", 0, false, 1),
        new("mean_pore_size", 0, false, SpecLimits.MaxGridEdge * SpecLimits.MaxVoxelUm),
        new("a1", SpecLimits.MinAnisotropy, true, SpecLimits.MaxAnisotropy),
        new("a2", SpecLimits.MinAnisotropy, true, SpecLimits.MaxAnisotropy),
    ];

    /// <summary>The violation message for <paramref name="value"/> in column <paramref name="d"/>, or null when it is allowed.</summary>
    public static string? Check(int d, double value) => All[d].Allows(value)
        ? null
        : string.Create(CultureInfo.InvariantCulture, $"{value} is outside the allowed range {All[d].Range} (a positive finite number: the features take ln X and 1/X)");
}

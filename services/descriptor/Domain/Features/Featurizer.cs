using MesoStream.Descriptor.Descriptors;

namespace MesoStream.Descriptor.Features;

/// <summary>
/// Step 3 of the paper's workflow. Each of the 11 descriptors X goes through the nine transforms X, 1/X, X^0.5,
/// X^-0.5, X², 1/X², X³, 1/X³, ln X → 99 base features (descriptor-major: index 9·i + t); then the product of every
/// pair of base features k ≤ l → 4950 features, ordered (0,0), (0,1) … (0,98), (1,1) … (98,98).
/// <para>
/// Names: a base feature is the descriptor symbol (<see cref="DescriptorSymbols"/>) with a power suffix —
/// <c>gamma</c>, <c>gamma^-1</c>, <c>gamma^0.5</c>, <c>gamma^-0.5</c>, <c>gamma^2</c>, <c>gamma^-2</c>, <c>gamma^3</c>,
/// <c>gamma^-3</c> — or <c>ln(gamma)</c>; a product joins two base names with <c>*</c>, e.g.
/// <c>gamma^3*r_pore_um^-3</c> (the paper's γ³/φ³).
/// </para>
/// </summary>
public static class Featurizer
{
    public const int DescriptorCount = 11;
    public const int TransformCount = 9;
    public const int BaseFeatureCount = DescriptorCount * TransformCount;
    public const int FeatureCount = BaseFeatureCount * (BaseFeatureCount + 1) / 2;

    private static readonly string[] PowerSuffixes = ["", "^-1", "^0.5", "^-0.5", "^2", "^-2", "^3", "^-3"];

    /// <summary>The 99 base feature names, index 9·i + t.</summary>
    public static IReadOnlyList<string> BaseFeatureNames { get; } =
        [.. DescriptorSymbols.All.SelectMany(s => PowerSuffixes.Select(p => s + p).Append($"ln({s})"))];

    /// <summary>The 4950 feature names in <see cref="Featurize(ReadOnlySpan{double})"/> order.</summary>
    public static IReadOnlyList<string> FeatureNames { get; } =
        [.. Enumerable.Range(0, BaseFeatureCount).SelectMany(k =>
            Enumerable.Range(k, BaseFeatureCount - k).Select(l => BaseFeatureNames[k] + "*" + BaseFeatureNames[l]))];

    public static double[] Featurize(ReadOnlySpan<double> descriptors)
    {
        var features = new double[FeatureCount];
        Featurize(descriptors, features);
        return features;
    }

    /// <summary>
    /// Writes the 99 base features of D1–D11 into <paramref name="destination"/>. Feature n of
    /// <see cref="Featurize(ReadOnlySpan{double}, Span{double})"/> is exactly <c>base[k] * base[l]</c> for
    /// <c>(k, l) = </c><see cref="BasePair"/>(n), so a consumer that needs a few hundred columns multiplies only those.
    /// </summary>
    public static void BaseFeatures(ReadOnlySpan<double> descriptors, Span<double> destination)
    {
        Check(descriptors);
        for (int i = 0; i < DescriptorCount; i++)
        {
            double x = descriptors[i];
            var t = destination.Slice(TransformCount * i, TransformCount);
            double sqrt = Math.Sqrt(x), square = x * x, cube = square * x;
            t[0] = x;
            t[1] = 1.0 / x;
            t[2] = sqrt;
            t[3] = 1.0 / sqrt;
            t[4] = square;
            t[5] = 1.0 / square;
            t[6] = cube;
            t[7] = 1.0 / cube;
            t[8] = Math.Log(x);
        }
    }

    /// <summary>Throws <see cref="InvalidDescriptorException"/> for the first descriptor that cannot be featurized (≤ 0, NaN, ∞).</summary>
    public static void Check(ReadOnlySpan<double> descriptors)
    {
        if (descriptors.Length != DescriptorCount)
        {
            throw new ArgumentException($"expected {DescriptorCount} descriptors (D1–D11), got {descriptors.Length}", nameof(descriptors));
        }

        for (int i = 0; i < DescriptorCount; i++)
        {
            if (!double.IsFinite(descriptors[i]) || descriptors[i] <= 0)
            {
                throw new InvalidDescriptorException(DescriptorSymbols.All[i], descriptors[i]);
            }
        }
    }

    /// <summary>The two base features (k ≤ l) whose product is feature <paramref name="feature"/>.</summary>
    public static (int K, int L) BasePair(int feature)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(feature);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(feature, FeatureCount);
        int k = 0, rowLength = BaseFeatureCount;
        while (feature >= rowLength)
        {
            feature -= rowLength;
            k++;
            rowLength--;
        }

        return (k, k + feature);
    }

    /// <summary>Writes the 4950 features of D1–D11 into <paramref name="destination"/>; allocation-free.</summary>
    public static void Featurize(ReadOnlySpan<double> descriptors, Span<double> destination)
    {
        if (destination.Length != FeatureCount)
        {
            throw new ArgumentException($"expected a destination of {FeatureCount} features, got {destination.Length}", nameof(destination));
        }

        Span<double> baseFeatures = stackalloc double[BaseFeatureCount];
        BaseFeatures(descriptors, baseFeatures);

        int n = 0;
        for (int k = 0; k < BaseFeatureCount; k++)
        {
            double left = baseFeatures[k];
            for (int l = k; l < BaseFeatureCount; l++)
            {
                destination[n++] = left * baseFeatures[l];
            }
        }
    }
}

using MesoStream.Contracts.Vocabulary;

namespace MesoStream.Modelling.Featurization;

/// <summary>
/// Step 3 of the paper's workflow, the numbers: each of the 11 descriptors X goes through the nine transforms X, 1/X,
/// X^0.5, X^-0.5, X², 1/X², X³, 1/X³, ln X → 99 base features (descriptor-major: index 9·i + t); then the product of
/// every pair of base features k ≤ l → 4950 features, in the order and under the names of <see cref="FeatureNames"/>.
/// </summary>
public static class Featurizer
{
    public const int DescriptorCount = Descriptors.Count;
    public const int TransformCount = FeatureNames.TransformCount;
    public const int BaseFeatureCount = FeatureNames.BaseFeatureCount;
    public const int FeatureCount = FeatureNames.FeatureCount;

    public static double[] Featurize(ReadOnlySpan<double> descriptors)
    {
        var features = new double[FeatureCount];
        Featurize(descriptors, features);
        return features;
    }

    /// <summary>
    /// Writes the 99 base features of D1–D11 into <paramref name="destination"/>. Feature n of
    /// <see cref="Featurize(ReadOnlySpan{double}, Span{double})"/> is exactly <c>base[k] * base[l]</c> for
    /// <c>(k, l) = </c><see cref="FeatureNames.BasePair"/>(n), so a consumer that needs a few hundred columns multiplies only those.
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

    /// <summary>Whether every descriptor can be featurized (finite and &gt; 0): what <see cref="Check"/> requires, without the exception.</summary>
    public static bool Admits(ReadOnlySpan<double> descriptors)
    {
        foreach (var x in descriptors)
        {
            if (!double.IsFinite(x) || x <= 0)
            {
                return false;
            }
        }

        return descriptors.Length == DescriptorCount;
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
                throw new InvalidDescriptorException(Descriptors.All[i].Name, descriptors[i]);
            }
        }
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

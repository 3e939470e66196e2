using System.Numerics;
using System.Runtime.InteropServices;

namespace MesoStream.Modelling.Serving;

/// <summary>
/// Up to <see cref="Capacity"/> rows of one target's selected features, feature-major: column c holds one value per
/// row, at <c>c · Capacity + r</c>, so rows that stand at the same tree node read neighbouring values (one cache line
/// for eight rows, where row-major would touch eight) and a SIMD load takes several rows' values of one feature.
/// Column 0 holds −∞ for every row (the column <see cref="FlatForest"/>'s leaves read, so that a leaf's comparison
/// keeps it in place); feature j is column j + 1. Stored as doubles or, for FastTree's float comparisons, as floats
/// (<see cref="FeaturePrecision"/>).
/// </summary>
internal sealed class FeatureBlock
{
    public const int Capacity = 32;

    private readonly double[] _doubles;
    private readonly float[] _singles;

    public FeatureBlock(int maxFeatures)
    {
        _doubles = new double[Capacity * (maxFeatures + 1)];
        _singles = new float[Capacity * (maxFeatures + 1)];
        MaxFeatures = maxFeatures;
    }

    public int MaxFeatures { get; }

    public int FeatureCount { get; private set; }

    public int Count { get; private set; }

    public FeaturePrecision Precision { get; private set; }

    /// <summary>The columns as doubles (not <see cref="FeaturePrecision.Single"/>); the last Capacity − Count slots of each are unused.</summary>
    public ReadOnlySpan<double> Values => Precision == FeaturePrecision.Single
        ? throw new InvalidOperationException("the block holds floats")
        : _doubles.AsSpan(0, (FeatureCount + 1) * Capacity);

    /// <summary>The columns as floats (<see cref="FeaturePrecision.Single"/> only).</summary>
    public ReadOnlySpan<float> SingleValues => Precision != FeaturePrecision.Single
        ? throw new InvalidOperationException("the block holds doubles")
        : _singles.AsSpan(0, (FeatureCount + 1) * Capacity);

    /// <summary>
    /// Throws unless the block holds feature <paramref name="maxFeature"/> stored as <paramref name="precision"/>: the
    /// one check an evaluator makes before its unchecked loads.
    /// </summary>
    public void CheckReadable(int maxFeature, FeaturePrecision precision)
    {
        if (FeatureCount <= maxFeature || Precision != precision)
        {
            throw new ArgumentException($"the block holds {FeatureCount} features as {Precision}; the trees read feature {maxFeature} as {precision}");
        }
    }

    /// <summary>The block column of feature <paramref name="feature"/>: its first slot's index.</summary>
    public static int ColumnOf(int feature) => (feature + 1) * Capacity;

    /// <summary>Feature <paramref name="feature"/> of the block's <see cref="Count"/> rows, as doubles.</summary>
    public ReadOnlySpan<double> Column(int feature) => Values.Slice(ColumnOf(feature), Count);

    /// <summary>
    /// Fills the block with <paramref name="rows"/> rows from their base features, stored feature-major like the block
    /// (base feature k of row r at <c>k · Capacity + r</c>): feature j of a row is the product of its base features
    /// <paramref name="left"/>[j] and <paramref name="right"/>[j] (the featurizer's own product, so bit-identical to
    /// its 4950-column output), rounded to float where the model compares in float.
    /// </summary>
    public void Fill(ReadOnlySpan<double> baseFeatures, int rows, int[] left, int[] right, FeaturePrecision precision)
    {
        if (rows > Capacity || left.Length > MaxFeatures || right.Length != left.Length)
        {
            throw new ArgumentException($"a block takes ≤ {Capacity} rows of ≤ {MaxFeatures} features, got {rows} rows of {left.Length} ({right.Length})");
        }

        FeatureCount = left.Length;
        Count = rows;
        Precision = precision;
        int lanes = Vector<double>.Count, pairs = (rows + (2 * lanes) - 1) / (2 * lanes);
        for (int j = 0; j < left.Length; j++)
        {
            var a = MemoryMarshal.Cast<double, Vector<double>>(baseFeatures.Slice(left[j] * Capacity, Capacity));
            var b = MemoryMarshal.Cast<double, Vector<double>>(baseFeatures.Slice(right[j] * Capacity, Capacity));
            if (precision == FeaturePrecision.Single)
            {
                var column = MemoryMarshal.Cast<float, Vector<float>>(_singles.AsSpan(ColumnOf(j), Capacity));
                for (int v = 0; v < pairs; v++)
                {
                    column[v] = Vector.Narrow(a[2 * v] * b[2 * v], a[(2 * v) + 1] * b[(2 * v) + 1]);
                }
            }
            else
            {
                var column = MemoryMarshal.Cast<double, Vector<double>>(_doubles.AsSpan(ColumnOf(j), Capacity));
                for (int v = 0; v < 2 * pairs; v++)
                {
                    var product = a[v] * b[v];
                    column[v] = precision == FeaturePrecision.DoubleRoundedToSingle ? RoundToSingle(product) : product;
                }
            }
        }

        _doubles.AsSpan(0, Capacity).Fill(double.NegativeInfinity);
        _singles.AsSpan(0, Capacity).Fill(float.NegativeInfinity);
    }

    /// <summary>(double)(float)x lane by lane: the same round-to-nearest-even as the scalar casts.</summary>
    private static Vector<double> RoundToSingle(Vector<double> x)
    {
        Vector.Widen(Vector.Narrow(x, x), out var low, out _);
        return low;
    }
}

using System.Numerics;
using System.Runtime.InteropServices;

namespace MesoStream.Trainer.Serving;

/// <summary>
/// Up to <see cref="Capacity"/> rows of one target's selected features, feature-major: feature j of row r is at
/// <c>j · Capacity + r</c>, so rows that stand at the same tree node read neighbouring values (one cache line for
/// eight rows, where row-major would touch eight). One extra feature, index <see cref="FeatureCount"/>, holds −∞ for
/// every row: the column that <see cref="FlatForest"/>'s leaves read so that a leaf's comparison keeps it in place.
/// </summary>
internal sealed class FeatureBlock
{
    public const int Capacity = 32;

    private readonly double[] _values;

    public FeatureBlock(int maxFeatures)
    {
        _values = new double[Capacity * (maxFeatures + 1)];
        MaxFeatures = maxFeatures;
    }

    public int MaxFeatures { get; }

    public int FeatureCount { get; private set; }

    public int Count { get; private set; }

    /// <summary>The <see cref="FeatureCount"/> + 1 feature columns of <see cref="Capacity"/> slots each (the last Capacity − Count slots unused).</summary>
    public ReadOnlySpan<double> Values => _values.AsSpan(0, (FeatureCount + 1) * Capacity);

    /// <summary>Feature <paramref name="feature"/> of the block's <see cref="Count"/> rows.</summary>
    public ReadOnlySpan<double> Column(int feature) => _values.AsSpan(feature * Capacity, Count);

    /// <summary>
    /// Fills the block with <paramref name="rows"/> rows from their base features, stored feature-major like the block
    /// (base feature k of row r at <c>k · Capacity + r</c>): feature j of a row is the product of its base features
    /// <paramref name="left"/>[j] and <paramref name="right"/>[j] (the featurizer's own product, so bit-identical to
    /// its 4950-column output), rounded to float and back where the model compares in float.
    /// </summary>
    public void Fill(ReadOnlySpan<double> baseFeatures, int rows, int[] left, int[] right, bool singlePrecision)
    {
        if (rows > Capacity || left.Length > MaxFeatures || right.Length != left.Length)
        {
            throw new ArgumentException($"a block takes ≤ {Capacity} rows of ≤ {MaxFeatures} features, got {rows} rows of {left.Length} ({right.Length})");
        }

        FeatureCount = left.Length;
        Count = rows;
        int vectors = (rows + Vector<double>.Count - 1) / Vector<double>.Count;
        for (int j = 0; j < left.Length; j++)
        {
            var a = MemoryMarshal.Cast<double, Vector<double>>(baseFeatures.Slice(left[j] * Capacity, Capacity));
            var b = MemoryMarshal.Cast<double, Vector<double>>(baseFeatures.Slice(right[j] * Capacity, Capacity));
            var column = MemoryMarshal.Cast<double, Vector<double>>(_values.AsSpan(j * Capacity, Capacity));
            for (int v = 0; v < vectors; v++)
            {
                var product = a[v] * b[v];
                column[v] = singlePrecision ? RoundToSingle(product) : product;
            }
        }

        _values.AsSpan(left.Length * Capacity, Capacity).Fill(double.NegativeInfinity);
    }

    /// <summary>(double)(float)x lane by lane: the same round-to-nearest-even as the scalar cast.</summary>
    private static Vector<double> RoundToSingle(Vector<double> x)
    {
        Vector.Widen(Vector.Narrow(x, x), out var low, out _);
        return low;
    }
}

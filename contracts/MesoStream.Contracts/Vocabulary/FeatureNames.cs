namespace MesoStream.Contracts.Vocabulary;

/// <summary>
/// The names of the paper's Step 3 features (the numbers are MesoStream.Modelling's <c>Featurizer</c>). Each
/// descriptor X goes through nine transforms X, 1/X, X^0.5, X^-0.5, X², 1/X², X³, 1/X³, ln X → 99 base features
/// (descriptor-major: index 9·i + t), named by the descriptor's <see cref="Descriptor.Name"/> with a power suffix —
/// <c>gamma</c>, <c>gamma^-1</c>, <c>gamma^0.5</c>, … <c>gamma^-3</c> — or <c>ln(gamma)</c>; then the product of every
/// pair k ≤ l → 4950 features, ordered (0,0), (0,1) … (0,98), (1,1) … (98,98), named by joining the two base names with
/// <c>*</c>, e.g. <c>gamma^3*mean_pore_size^-3</c> (the paper's γ³/φ³). A model artifact names its features this way.
/// </summary>
public static class FeatureNames
{
    public const int TransformCount = 9;
    public const int BaseFeatureCount = Descriptors.Count * TransformCount;
    public const int FeatureCount = BaseFeatureCount * (BaseFeatureCount + 1) / 2;

    private static readonly string[] PowerSuffixes = ["", "^-1", "^0.5", "^-0.5", "^2", "^-2", "^3", "^-3"];

    /// <summary>The 99 base feature names, index 9·i + t.</summary>
    public static IReadOnlyList<string> Base { get; } =
        [.. Descriptors.Names.SelectMany(s => PowerSuffixes.Select(p => s + p).Append($"ln({s})"))];

    /// <summary>The 4950 feature names in featurization order.</summary>
    public static IReadOnlyList<string> All { get; } =
        [.. Enumerable.Range(0, BaseFeatureCount).SelectMany(k =>
            Enumerable.Range(k, BaseFeatureCount - k).Select(l => Base[k] + "*" + Base[l]))];

    private static readonly Dictionary<string, int> ColumnByName =
        All.Select((name, column) => (name, column)).ToDictionary(t => t.name, t => t.column, StringComparer.Ordinal);

    /// <summary>The column of feature <paramref name="name"/> in the 4950-column row, or −1 for a name that is not a feature.</summary>
    public static int ColumnOf(string name) => ColumnByName.GetValueOrDefault(name, -1);

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
}

using MesoStream.Contracts.Messaging;

namespace MesoStream.Contracts.Arrow;

/// <summary>
/// Rows of named numeric features keyed by structure id, plus optional named text columns (spec JSON, provenance).
/// Column-major: <c>Numeric[name][row]</c>. Values may be ±∞ (a non-percolating tortuosity is +∞) or NaN where a
/// producer documents it; the codec carries them unchanged.
/// </summary>
public sealed class FeatureBatch
{
    public FeatureBatch(
        IReadOnlyList<string> ids,
        IReadOnlyList<KeyValuePair<string, double[]>> numeric,
        IReadOnlyList<KeyValuePair<string, string?[]>>? text = null)
    {
        text ??= [];
        var names = new HashSet<string>(StringComparer.Ordinal) { "id" };
        foreach (var name in numeric.Select(c => c.Key).Concat(text.Select(c => c.Key)))
        {
            if (string.IsNullOrWhiteSpace(name))
            {
                throw new InvalidMessageException("columns", "a column name is empty");
            }

            if (!names.Add(name))
            {
                throw new InvalidMessageException(name, "column name appears twice (\"id\" is reserved)");
            }
        }

        foreach (var (name, length) in numeric.Select(c => (c.Key, c.Value.Length)).Concat(text.Select(c => (c.Key, c.Value.Length))))
        {
            if (length != ids.Count)
            {
                throw new InvalidMessageException(name, $"holds {length} rows but there are {ids.Count} ids");
            }
        }

        Ids = ids;
        Numeric = numeric;
        Text = text;
    }

    public IReadOnlyList<string> Ids { get; }
    public IReadOnlyList<KeyValuePair<string, double[]>> Numeric { get; }
    public IReadOnlyList<KeyValuePair<string, string?[]>> Text { get; }
    public int RowCount => Ids.Count;

    public double[] Column(string name) =>
        Numeric.FirstOrDefault(c => c.Key == name).Value ?? throw new KeyNotFoundException($"no numeric column \"{name}\"");

    public string?[] TextColumn(string name) =>
        Text.FirstOrDefault(c => c.Key == name).Value ?? throw new KeyNotFoundException($"no text column \"{name}\"");
}

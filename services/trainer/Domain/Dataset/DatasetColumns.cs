using MesoStream.Contracts.Arrow;
using MesoStream.Contracts.Messaging;
using MesoStream.Contracts.Vocabulary;
using Vocabulary = MesoStream.Contracts.Vocabulary;

namespace MesoStream.Trainer.Dataset;

/// <summary>One column of the dataset: a descriptor or a property under its vocabulary name, read from and written to a record.</summary>
public sealed record DatasetColumn(string Column, Func<DatasetRecord, double> Get, Action<DatasetRecord, double> Set);

/// <summary>
/// The dataset's columns after <c>id</c>: the eleven descriptors, then the nine properties, each under its one name
/// from the vocabulary (a descriptors-computed batch uses the same names), so the CSV, the Parquet file and the fold agree.
/// </summary>
public static class DatasetColumns
{
    public static IReadOnlyList<DatasetColumn> All { get; } =
    [
        .. Vocabulary.Descriptors.All.Select(d => new DatasetColumn(d.Name, r => r[d.Id], (r, v) => r[d.Id] = v)),
        .. EffectiveProperties.All.Select(p => new DatasetColumn(p.Name, r => r[p.Id], (r, v) => r[p.Id] = v)),
    ];

    /// <summary>The eleven descriptor columns (D1…D11, the featurizer's input order).</summary>
    public static IReadOnlyList<string> Descriptors => Vocabulary.Descriptors.Names;

    /// <summary>The nine effective-property columns, the regression targets.</summary>
    public static IReadOnlyList<string> Properties => EffectiveProperties.Names;

    /// <summary>The records of a descriptors-computed batch; a row missing a column is refused, naming it.</summary>
    public static IEnumerable<DatasetRecord> FromFeatureBatch(FeatureBatch batch)
    {
        var sources = All.Select(c => (c.Set, Values: batch.Numeric.FirstOrDefault(n => n.Key == c.Column).Value
            ?? throw new InvalidMessageException(c.Column, "column is missing: the dataset needs it"))).ToList();
        for (var row = 0; row < batch.RowCount; row++)
        {
            var record = new DatasetRecord { Id = batch.Ids[row] };
            foreach (var (set, values) in sources)
            {
                set(record, values[row]);
            }

            yield return record;
        }
    }
}

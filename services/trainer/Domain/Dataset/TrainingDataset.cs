using System.Security.Cryptography;
using System.Text;

namespace MesoStream.Trainer.Dataset;

/// <summary>
/// The dataset as a fold over descriptors-computed: one row per distinct structure id, in arrival order. Replays and
/// duplicates (at-least-once delivery, the embedded broker's commit window, resubmitted specs) never double-count: the
/// first row of an id wins and later ones are counted as duplicates. Persisted as <c>dataset.parquet</c> in a data
/// directory (readable with pandas), written atomically, so a restarted trainer resumes where it was.
/// </summary>
public sealed class TrainingDataset
{
    public const string FileName = "dataset.parquet";

    private readonly Dictionary<string, DatasetRecord> _byId = new(StringComparer.Ordinal);
    private readonly List<DatasetRecord> _rows = [];

    private TrainingDataset(string? directory) => Directory = directory;

    /// <summary>Where the dataset persists; null for an in-memory dataset.</summary>
    public string? Directory { get; }

    public IReadOnlyList<DatasetRecord> Rows => _rows;

    public int Count => _rows.Count;

    public bool Contains(string id) => _byId.ContainsKey(id);

    public static TrainingDataset InMemory() => new(null);

    /// <summary>Opens the dataset persisted in <paramref name="directory"/>, or an empty one there.</summary>
    public static async Task<TrainingDataset> OpenAsync(string directory, CancellationToken cancellationToken = default)
    {
        System.IO.Directory.CreateDirectory(directory);
        var dataset = new TrainingDataset(directory);
        var path = Path.Combine(directory, FileName);
        if (File.Exists(path))
        {
            await using var stream = File.OpenRead(path);
            dataset.Fold(await DatasetParquet.ReadAsync(stream, cancellationToken));
        }

        return dataset;
    }

    /// <summary>
    /// The columns in which <paramref name="record"/> differs from the row held under its id: empty when the id is new
    /// or the row is the same (a redelivery or a recomputation). Same means within a relative 1e-6: the solver's
    /// reductions are chunked by core count, so a replica on another machine may round the last digits differently,
    /// while a different structure differs in the first digits.
    /// </summary>
    public IReadOnlyList<string> ConflictingColumns(DatasetRecord record) =>
        _byId.TryGetValue(record.Id, out var held) ? DifferingColumns(held, record) : [];

    /// <summary>The columns in which two rows differ by more than a relative 1e-6.</summary>
    public static IReadOnlyList<string> DifferingColumns(DatasetRecord a, DatasetRecord b) =>
        [.. DatasetColumns.All.Where(c => !Same(c.Get(a), c.Get(b))).Select(c => c.Column)];

    private static bool Same(double a, double b) =>
        a.Equals(b) || Math.Abs(a - b) <= 1e-6 * Math.Max(Math.Abs(a), Math.Abs(b));

    /// <summary>Adds the rows of ids not seen before; returns how many were added and how many were duplicates.</summary>
    public (int Added, int Duplicates) Fold(IEnumerable<DatasetRecord> records)
    {
        int added = 0, duplicates = 0;
        foreach (var record in records)
        {
            if (_byId.TryAdd(record.Id, record))
            {
                _rows.Add(record);
                added++;
            }
            else
            {
                duplicates++;
            }
        }

        return (added, duplicates);
    }

    /// <summary>Writes <c>dataset.parquet</c> through a temporary file and a rename, so a crash never leaves half a file.</summary>
    public async Task SaveAsync(CancellationToken cancellationToken = default)
    {
        if (Directory is null)
        {
            throw new InvalidOperationException("an in-memory dataset has no directory to save to");
        }

        var path = Path.Combine(Directory, FileName);
        var temporary = path + ".tmp";
        await using (var stream = File.Create(temporary))
        {
            await DatasetParquet.WriteAsync(_rows, stream, cancellationToken);
        }

        File.Move(temporary, path, overwrite: true);
    }

    /// <summary>SHA-256 (16 hex digits) over the rows sorted by id: equal for equal content whatever the arrival order.</summary>
    public string ContentHash() => ContentHashOf(_rows);

    /// <summary>The content hash of any set of rows (see <see cref="ContentHash()"/>).</summary>
    public static string ContentHashOf(IEnumerable<DatasetRecord> rows)
    {
        var text = new StringBuilder();
        foreach (var row in rows.OrderBy(r => r.Id, StringComparer.Ordinal))
        {
            text.Append(row.Id);
            foreach (var column in DatasetColumns.All)
            {
                text.Append(',').Append(BitConverter.DoubleToInt64Bits(column.Get(row)));
            }

            text.Append('\n');
        }

        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text.ToString())).AsSpan(0, 8));
    }
}

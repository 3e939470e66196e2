using System.Globalization;
using MesoStream.Contracts.Messaging;

namespace MesoStream.Trainer.Dataset;

/// <summary>
/// The human format: CSV with the header <c>id,v_am,…,a12</c> (<see cref="Header"/>). Infinite values (a
/// non-percolating τ) are written <c>inf</c>, which pandas and numpy read back as infinity.
/// </summary>
public static class DatasetCsv
{
    public static string Header { get; } = "id," + string.Join(',', DatasetColumns.All.Select(c => c.Column));

    public static void Write(IEnumerable<DatasetRecord> rows, TextWriter writer)
    {
        writer.WriteLine(Header);
        foreach (var row in rows)
        {
            writer.Write(row.Id);
            foreach (var column in DatasetColumns.All)
            {
                writer.Write(',');
                writer.Write(Format(column.Get(row)));
            }

            writer.WriteLine();
        }
    }

    /// <summary>Reads a dataset CSV; a wrong header or an unparsable cell is refused, naming line and column.</summary>
    public static List<DatasetRecord> Read(TextReader reader)
    {
        var header = reader.ReadLine();
        if (header?.Trim() != Header)
        {
            throw new InvalidMessageException("header", $"expected \"{Header}\", got \"{header}\"");
        }

        var rows = new List<DatasetRecord>();
        foreach (var (lineNumber, cells) in CsvLines.Read(reader))
        {
            if (cells.Length != DatasetColumns.All.Count + 1)
            {
                throw new InvalidMessageException($"line {lineNumber}", $"has {cells.Length} cells, expected {DatasetColumns.All.Count + 1}");
            }

            var record = new DatasetRecord { Id = cells[0] };
            for (var c = 0; c < DatasetColumns.All.Count; c++)
            {
                var (column, _, set) = DatasetColumns.All[c];
                set(record, Parse(cells[c + 1], lineNumber, column));
            }

            rows.Add(record);
        }

        return rows;
    }

    private static string Format(double value) =>
        double.IsPositiveInfinity(value) ? "inf"
        : double.IsNegativeInfinity(value) ? "-inf"
        : value.ToString("R", CultureInfo.InvariantCulture);

    private static double Parse(string cell, int line, string column) => cell.Trim().ToLowerInvariant() switch
    {
        "inf" or "+inf" or "infinity" => double.PositiveInfinity,
        "-inf" or "-infinity" => double.NegativeInfinity,
        var text when double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var v) && !double.IsNaN(v) => v,
        _ => throw new InvalidMessageException($"line {line}, {column}", $"\"{cell}\" is not a number (use inf for a non-percolating τ)"),
    };
}

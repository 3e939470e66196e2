using System.Globalization;
using MesoStream.Contracts.Messaging;
using MesoStream.Contracts.Vocabulary;

namespace MesoStream.Contracts.Predictions;

/// <summary>
/// Descriptor rows from CSV: a header naming at least <c>id</c> and the eleven dataset descriptor columns, in any
/// order; other columns (e.g. the properties of a dataset CSV) are ignored. Each value is checked against
/// <see cref="Descriptor.Min"/>/<see cref="Descriptor.Max"/>; every bad cell is reported at once, naming its line and column.
/// </summary>
public static class DescriptorRowsCsv
{
    public static IReadOnlyList<PredictionInput> Read(TextReader reader)
    {
        var header = reader.ReadLine()?.Split(',').Select(c => c.Trim()).ToList()
            ?? throw new InvalidMessageException("header", "the file is empty");
        var columns = Descriptors.Names;
        var positions = columns.Select(c => header.IndexOf(c)).ToArray();
        var idPosition = header.IndexOf("id");
        var missing = columns.Where((_, d) => positions[d] < 0).Prepend(idPosition < 0 ? "id" : null).OfType<string>().ToList();
        if (missing.Count > 0)
        {
            throw new InvalidMessageException("header", $"missing column(s) {string.Join(", ", missing)}; rows need id and {string.Join(", ", columns)}");
        }

        var inputs = new List<PredictionInput>();
        var errors = new FieldErrors();
        foreach (var (lineNumber, cells) in CsvLines.Read(reader))
        {
            if (cells.Length != header.Count)
            {
                errors.Add(new FieldError($"line {lineNumber}", $"has {cells.Length} cells, the header {header.Count}"));
                continue;
            }

            var values = new double[columns.Count];
            var rowErrors = errors.Count;
            for (var d = 0; d < columns.Count; d++)
            {
                var cell = cells[positions[d]].Trim();
                var problem = double.TryParse(cell, NumberStyles.Float, CultureInfo.InvariantCulture, out values[d])
                    ? Descriptors.All[d].Check(values[d])
                    : $"\"{cell}\" is not a number";
                if (problem is not null)
                {
                    errors.Add(new FieldError($"line {lineNumber}, {columns[d]}", problem));
                }
            }

            if (errors.Count == rowErrors)
            {
                inputs.Add(PredictionInput.FromDescriptors(cells[idPosition].Trim(), values));
            }
        }

        return errors.Count > 0 ? throw InvalidMessageException.From(errors) : inputs;
    }
}

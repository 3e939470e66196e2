namespace MesoStream.Trainer.Data;

/// <summary>Row/column selection helpers over row-major feature tables (<c>double[row][feature]</c>).</summary>
public static class Rows
{
    public static double[][] Select(double[][] rows, ReadOnlySpan<int> rowIndices, ReadOnlySpan<int> columns)
    {
        var result = new double[rowIndices.Length][];
        for (int i = 0; i < rowIndices.Length; i++)
        {
            var source = rows[rowIndices[i]];
            var row = new double[columns.Length];
            for (int j = 0; j < columns.Length; j++)
            {
                row[j] = source[columns[j]];
            }

            result[i] = row;
        }

        return result;
    }

    /// <summary>The given rows, all columns, sharing the row arrays (no copy).</summary>
    public static double[][] Select(double[][] rows, ReadOnlySpan<int> rowIndices)
    {
        var result = new double[rowIndices.Length][];
        for (int i = 0; i < rowIndices.Length; i++)
        {
            result[i] = rows[rowIndices[i]];
        }

        return result;
    }

    public static double[] Select(double[] values, ReadOnlySpan<int> indices)
    {
        var result = new double[indices.Length];
        for (int i = 0; i < indices.Length; i++)
        {
            result[i] = values[indices[i]];
        }

        return result;
    }

    /// <summary>Column j of the table as a contiguous array.</summary>
    public static double[] Column(double[][] rows, int j)
    {
        var column = new double[rows.Length];
        for (int i = 0; i < rows.Length; i++)
        {
            column[i] = rows[i][j];
        }

        return column;
    }

    public static int FeatureCount(double[][] rows) =>
        rows.Length == 0 ? throw new ArgumentException("no rows", nameof(rows)) : rows[0].Length;
}

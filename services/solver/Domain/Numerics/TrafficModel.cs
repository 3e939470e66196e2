namespace MesoStream.Solver.Numerics;

/// <summary>
/// Bytes each kernel must stream per cell (4-byte floats, every array read or written once; neighbour reads are
/// assumed to hit cache). Divided by the measured copy bandwidth this gives the memory-bound time per iteration.
/// </summary>
internal static class TrafficModel
{
    /// <summary>A·x: reads x, β, gx, gy, gz; writes y.</summary>
    public const double Apply = 6 * 4;

    /// <summary>b − A·x: Apply plus b.</summary>
    public const double Residual = 7 * 4;

    /// <summary>Jacobi sweep: reads x, b, β, 1/d, gx, gy, gz; writes x'.</summary>
    public const double JacobiSweep = 8 * 4;

    /// <summary>First sweep from zero: reads b, 1/d; writes x.</summary>
    public const double JacobiFromZero = 3 * 4;

    /// <summary>Restriction reads the fine residual and writes an eighth as many coarse values.</summary>
    public const double Restrict = 4 + 4.0 / 8;

    /// <summary>Prolongation reads and writes x and reads 1/d (the mask) at the fine level, plus the coarse values.</summary>
    public const double ProlongAdd = 3 * 4 + 4.0 / 8;

    /// <summary>CG vectors per iteration: p·q (8), x/r update with r·r (24), r·z (8), p = z + βp (12).</summary>
    public const double PreconditionedCgVectors = 8 + 24 + 8 + 12;

    /// <summary>Plain CG skips r·z (it is r·r, already summed).</summary>
    public const double PlainCgVectors = 8 + 24 + 12;

    public static double VCycleBytesPerFineCell(IReadOnlyList<StencilLevel> levels, int sweeps)
    {
        double bytes = 0;
        for (int l = 0; l < levels.Count - 1; l++)
        {
            double perCell = JacobiFromZero + (sweeps - 1) * JacobiSweep + Residual + Restrict + ProlongAdd + sweeps * JacobiSweep;
            bytes += perCell * levels[l].Count;
        }

        return bytes / levels[0].Count;
    }
}

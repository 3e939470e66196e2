namespace MesoStream.Solver.Numerics;

/// <summary>
/// Bytes each kernel must stream per cell (4-byte floats, every array read or written once; neighbour reads are
/// assumed to hit cache). Divided by the measured copy bandwidth this gives the memory-bound time per iteration.
/// A face-form level streams five coefficient arrays (β, gx, gy, gz, 1/d), a unit-form level one (d, in bytes).
/// </summary>
internal static class TrafficModel
{
    /// <summary>A·x with x·(A·x): reads x and the coefficients; writes y.</summary>
    public static double Apply(StencilLevel level) => 2 * 4 + Coefficients(level, withInverse: false);

    /// <summary>b − A·x summed into the coarse right-hand side: reads x, b and the coefficients, writes an eighth as many coarse values.</summary>
    private static double RestrictResidual(StencilLevel level) => 2 * 4 + Coefficients(level, withInverse: false) + 4.0 / 8;

    /// <summary>A fused pair of Jacobi sweeps (<see cref="JacobiPairs"/>): reads x, b and the coefficients (with 1/d) once; writes the first sweep's result and x.</summary>
    private static double JacobiPair(StencilLevel level) => 2 * 4 + Coefficients(level, withInverse: true) + 2 * 4;

    /// <summary>A fused pair from zero: reads b and the coefficients; writes the first sweep's result and x.</summary>
    private static double JacobiPairFromZero(StencilLevel level) => 4 + Coefficients(level, withInverse: true) + 2 * 4;

    /// <summary>Prolongation reads and writes x and reads the inside mask (1/d, or d in bytes at a unit-form fine level), plus the coarse values.</summary>
    private static double ProlongAdd(StencilLevel fine) => 2 * 4 + (fine.HasUnitConductances ? 1 : 4) + 4.0 / 8;

    /// <summary>
    /// CG vectors per iteration besides A·p (whose pᵀAp is summed in the same pass): x/r update with r·r (32: x is
    /// the double solution, read and written, with p, q and r in float) and p = z + βp (12). rᵀz is summed by the
    /// preconditioner's last sweep, and plain CG has it as r·r.
    /// </summary>
    public const double CgVectors = 32 + 12;

    /// <summary>
    /// One cycle with <paramref name="coarseCycles"/> visits of each coarse level per visit of the level above, so
    /// level l is smoothed coarseCycles^l times per cycle (the coarsest, solved directly, is not counted).
    /// </summary>
    public static double CycleBytesPerFineCell(IReadOnlyList<StencilLevel> levels, int sweeps, int coarseCycles)
    {
        double bytes = 0;
        double visits = 1;
        for (int l = 0; l < levels.Count - 1; l++)
        {
            var level = levels[l];
            double perCell = JacobiPairFromZero(level) + (sweeps - 1) * JacobiPair(level) + RestrictResidual(level) + ProlongAdd(level);
            bytes += visits * perCell * level.Count;
            visits *= coarseCycles;
        }

        return bytes / levels[0].Count;
    }

    private static double Coefficients(StencilLevel level, bool withInverse) =>
        level.HasUnitConductances ? 1 : (withInverse ? 5 : 4) * 4;
}

using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace MesoStream.Solver.Numerics;

/// <summary>
/// The true residual of iterative refinement, r = b − A·c with c and b in double, computed in double and stored as
/// the float right-hand side of the next correction; ‖r‖² and cᵀr are summed in the same pass. The unit form runs
/// in SIMD (<see cref="Vector{T}"/> of doubles, two per float vector of the diagonal); the face form, used only for
/// non-unit conductivities, cell by cell.
/// <para>
/// b is not a field: it is 2k at the inlet cells and zero elsewhere, so the pass computes −A·c everywhere and the
/// inlet cells (one face of the grid) are then corrected one by one. A stored b would cost 8 bytes per voxel.
/// </para>
/// </summary>
internal static class TrueResidual
{
    /// <summary>r = b for c = 0 (the start of refinement needs no operator pass); returns ‖b‖². r must be zero on entry (a fresh field).</summary>
    public static double OfZero(TransportSystem system, float[] r)
    {
        double squares = 0;
        for (int j = 0; j < system.Inlet.Length; j++)
        {
            double b = system.InletConductance[j];
            r[system.Inlet[j]] = (float)b;
            squares += b * b;
        }

        return squares;
    }

    /// <summary>r = b − A·c; returns ‖r‖² and cᵀr.</summary>
    public static (double SquaredNorm, double ConcentrationDotResidual) Of(TransportSystem system, double[] c, float[] r)
    {
        var level = system.Level;
        var (inlet, g) = (system.Inlet, system.InletConductance);
        return level.HasUnitConductances
            ? level.SumPairsOverChunks((start, end) => UnitRange(level, inlet, g, c, r, start, end))
            : level.SumPairsOverChunks((start, end) => FaceRange(level, inlet, g, c, r, start, end));
    }

    /// <summary>The first inlet cell at or after array index <paramref name="start"/> (inlet cells are ascending).</summary>
    private static int FirstInlet(int[] inlet, int start)
    {
        int k = Array.BinarySearch(inlet, start);
        return k >= 0 ? k : ~k;
    }

    // AggressiveOptimization: called a few times per solve, too rarely for tiered compilation to optimise it in time.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static (double, double) UnitRange(StencilLevel level, int[] inlet, double[] g, double[] c, float[] r, int start, int end)
    {
        // b enters before the sums, cell by cell, so that cᵀr sums small residuals rather than −cᵀA·c and its
        // cancellation against cᵀb (whose rounding would then depend on the chunking, i.e. the thread count).
        Span<double> lanes = stackalloc double[Vector<float>.Count];
        int next = FirstInlet(inlet, start);
        ref byte rd = ref MemoryMarshal.GetArrayDataReference(level.Degree);
        ref double rc = ref MemoryMarshal.GetArrayDataReference(c);
        ref float rr = ref MemoryMarshal.GetArrayDataReference(r);
        int row = level.RowStride, plane = level.Plane, half = Vector<double>.Count;
        var squares = Vector<double>.Zero;
        var dots = Vector<double>.Zero;
        for (int i = start; i < end; i += Vector<float>.Count)
        {
            Vector.Widen(StencilKernels.LoadWidened(ref rd, i), out var dlo, out var dhi);
            var lo = UnitResidual(ref rc, dlo, i, row, plane);
            var hi = UnitResidual(ref rc, dhi, i + half, row, plane);
            if (next < inlet.Length && inlet[next] < i + Vector<float>.Count)
            {
                lo.CopyTo(lanes);
                hi.CopyTo(lanes[half..]);
                for (; next < inlet.Length && inlet[next] < i + Vector<float>.Count; next++)
                {
                    lanes[inlet[next] - i] += g[next];
                }

                lo = new Vector<double>(lanes);
                hi = new Vector<double>(lanes[half..]);
            }

            Vector.Narrow(lo, hi).StoreUnsafe(ref rr, (nuint)i);
            squares += lo * lo + hi * hi;
            dots += Vector.LoadUnsafe(ref rc, (nuint)i) * lo + Vector.LoadUnsafe(ref rc, (nuint)(i + half)) * hi;
        }

        return (Vector.Sum(squares), Vector.Sum(dots));
    }

    /// <summary>−(dᵢ·cᵢ − Σ c_j) inside the solve, zero outside, for one vector of doubles from i.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector<double> UnitResidual(ref double c, Vector<double> d, int i, int row, int plane)
    {
        var neighbours = (At(ref c, i + 1) + At(ref c, i - 1)) + (At(ref c, i + row) + At(ref c, i - row))
            + (At(ref c, i + plane) + At(ref c, i - plane));
        var product = d * At(ref c, i) - neighbours;
        var inside = Vector.GreaterThan(d, Vector<double>.Zero);
        return -Vector.ConditionalSelect(inside, product, Vector<double>.Zero);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector<double> At(ref double field, int i) => Vector.LoadUnsafe(ref field, (nuint)i);

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static (double, double) FaceRange(StencilLevel level, int[] inlet, double[] g, double[] c, float[] r, int start, int end)
    {
        int next = FirstInlet(inlet, start);
        var (beta, gx, gy, gz) = (level.Boundary, level.Gx, level.Gy, level.Gz);
        int row = level.RowStride, plane = level.Plane;
        double squares = 0, dots = 0;
        for (int i = start; i < end; i++)
        {
            double ci = c[i];
            double product = beta[i] * ci
                + gx[i] * (ci - c[i + 1]) + gx[i - 1] * (ci - c[i - 1])
                + gy[i] * (ci - c[i + row]) + gy[i - row] * (ci - c[i - row])
                + gz[i] * (ci - c[i + plane]) + gz[i - plane] * (ci - c[i - plane]);
            double bi = next < inlet.Length && inlet[next] == i ? g[next++] : 0;
            double ri = bi - product;
            r[i] = (float)ri;
            squares += ri * ri;
            dots += ci * ri;
        }

        return (squares, dots);
    }
}

using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace MesoStream.Solver.Numerics;

/// <summary>
/// The true residual of iterative refinement, r = b − A·c with c and b in double, computed in double and stored as
/// the float right-hand side of the next correction; ‖r‖² and cᵀr are summed in the same pass. The unit form runs
/// in SIMD (<see cref="Vector{T}"/> of doubles, two per float vector of the diagonal); the face form, used only for
/// non-unit conductivities, cell by cell.
/// </summary>
internal static class TrueResidual
{
    /// <summary>r = b for c = 0 (the start of refinement needs no operator pass); returns ‖b‖².</summary>
    public static double OfZero(StencilLevel level, double[] b, float[] r) =>
        level.SumOverChunks((start, end) => CopyRange(b, r, start, end));

    /// <summary>r = b − A·c; returns ‖r‖² and cᵀr.</summary>
    public static (double SquaredNorm, double ConcentrationDotResidual) Of(StencilLevel level, double[] b, double[] c, float[] r) =>
        level.HasUnitConductances
            ? level.SumPairsOverChunks((start, end) => UnitRange(level, b, c, r, start, end))
            : level.SumPairsOverChunks((start, end) => FaceRange(level, b, c, r, start, end));

    // AggressiveOptimization: called a few times per solve, too rarely for tiered compilation to optimise it in time.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static double CopyRange(double[] b, float[] r, int start, int end)
    {
        ref double rb = ref MemoryMarshal.GetArrayDataReference(b);
        ref float rr = ref MemoryMarshal.GetArrayDataReference(r);
        int half = Vector<double>.Count;
        var squares = Vector<double>.Zero;
        for (int i = start; i < end; i += Vector<float>.Count)
        {
            var lo = Vector.LoadUnsafe(ref rb, (nuint)i);
            var hi = Vector.LoadUnsafe(ref rb, (nuint)(i + half));
            Vector.Narrow(lo, hi).StoreUnsafe(ref rr, (nuint)i);
            squares += lo * lo + hi * hi;
        }

        return Vector.Sum(squares);
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static (double, double) UnitRange(StencilLevel level, double[] b, double[] c, float[] r, int start, int end)
    {
        ref float rd = ref MemoryMarshal.GetArrayDataReference(level.Degree);
        ref double rb = ref MemoryMarshal.GetArrayDataReference(b);
        ref double rc = ref MemoryMarshal.GetArrayDataReference(c);
        ref float rr = ref MemoryMarshal.GetArrayDataReference(r);
        int row = level.RowStride, plane = level.Plane, half = Vector<double>.Count;
        var squares = Vector<double>.Zero;
        var dots = Vector<double>.Zero;
        for (int i = start; i < end; i += Vector<float>.Count)
        {
            Vector.Widen(Vector.LoadUnsafe(ref rd, (nuint)i), out var dlo, out var dhi);
            var lo = UnitResidual(ref rb, ref rc, dlo, i, row, plane);
            var hi = UnitResidual(ref rb, ref rc, dhi, i + half, row, plane);
            Vector.Narrow(lo, hi).StoreUnsafe(ref rr, (nuint)i);
            squares += lo * lo + hi * hi;
            dots += Vector.LoadUnsafe(ref rc, (nuint)i) * lo + Vector.LoadUnsafe(ref rc, (nuint)(i + half)) * hi;
        }

        return (Vector.Sum(squares), Vector.Sum(dots));
    }

    /// <summary>bᵢ − (dᵢ·cᵢ − Σ c_j) inside the solve, bᵢ (zero) outside, for one vector of doubles from i.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector<double> UnitResidual(ref double b, ref double c, Vector<double> d, int i, int row, int plane)
    {
        var neighbours = (At(ref c, i + 1) + At(ref c, i - 1)) + (At(ref c, i + row) + At(ref c, i - row))
            + (At(ref c, i + plane) + At(ref c, i - plane));
        var product = d * At(ref c, i) - neighbours;
        var inside = Vector.GreaterThan(d, Vector<double>.Zero);
        return At(ref b, i) - Vector.ConditionalSelect(inside, product, Vector<double>.Zero);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector<double> At(ref double field, int i) => Vector.LoadUnsafe(ref field, (nuint)i);

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static (double, double) FaceRange(StencilLevel level, double[] b, double[] c, float[] r, int start, int end)
    {
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
            double ri = b[i] - product;
            r[i] = (float)ri;
            squares += ri * ri;
            dots += ci * ri;
        }

        return (squares, dots);
    }
}

using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace MesoStream.Solver.Numerics;

/// <summary>
/// The hot loops: the 7-point operator, its residual and the damped-Jacobi sweep, SIMD along x
/// (<see cref="Vector{T}"/>, 8 floats with AVX2) and split into chunks across cores by <see cref="StencilLevel"/>.
/// All are memory-bound; each streams its arrays exactly once per cell. Each loop is written once, generic over the
/// level's storage form (<see cref="FaceStencil"/>, <see cref="UnitStencil"/>); the JIT specialises it per form.
/// </summary>
internal static class StencilKernels
{
    /// <summary>y = A·x; returns x·y (the CG curvature pᵀAp, summed in the same pass instead of a second one).</summary>
    public static double ApplyAndDot(StencilLevel level, float[] x, float[] y) =>
        level.HasUnitConductances
            ? level.SumOverChunks((start, end) => ApplyRange(new UnitStencil(level, x), y, start, end))
            : level.SumOverChunks((start, end) => ApplyRange(new FaceStencil(level, x), y, start, end));

    /// <summary>r = b − A·x.</summary>
    public static void Residual(StencilLevel level, float[] b, float[] x, float[] r)
    {
        if (level.HasUnitConductances)
        {
            level.ForEachChunk((start, end) => ResidualRange(new UnitStencil(level, x), b, r, start, end));
        }
        else
        {
            level.ForEachChunk((start, end) => ResidualRange(new FaceStencil(level, x), b, r, start, end));
        }
    }

    /// <summary>xOut = x + ω·D⁻¹·(b − A·x). Cells outside the solve keep x.</summary>
    public static void JacobiSweep(StencilLevel level, float[] b, float[] x, float[] xOut, float omega)
    {
        if (level.HasUnitConductances)
        {
            level.ForEachChunk((start, end) => JacobiRange(new UnitStencil(level, x), b, xOut, omega, start, end));
        }
        else
        {
            level.ForEachChunk((start, end) => JacobiRange(new FaceStencil(level, x), b, xOut, omega, start, end));
        }
    }

    /// <summary>xOut = ω·D⁻¹·b: the first Jacobi sweep from a zero initial guess (0 outside the solve).</summary>
    public static void JacobiFromZero(StencilLevel level, float[] b, float[] xOut, float omega)
    {
        if (level.HasUnitConductances)
        {
            level.ForEachChunk((start, end) => JacobiFromZeroRange(new UnitStencil(level, b), b, xOut, omega, start, end));
        }
        else
        {
            level.ForEachChunk((start, end) => JacobiFromZeroRange(new FaceStencil(level, b), b, xOut, omega, start, end));
        }
    }

    // AggressiveOptimization: the loops run fully optimised from the first call instead of starting at tier 0,
    // which would otherwise distort the first solves of a process (and every benchmark's first row).
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void JacobiFromZeroRange<TStencil>(TStencil s, float[] b, float[] xOut, float omega, int start, int end)
        where TStencil : IStencil, allows ref struct
    {
        ref float rb = ref MemoryMarshal.GetArrayDataReference(b);
        ref float rout = ref MemoryMarshal.GetArrayDataReference(xOut);
        var w = new Vector<float>(omega);
        for (int i = start; i < end; i += Vector<float>.Count)
        {
            (w * s.InverseDiagonal(i) * Load(ref rb, i)).StoreUnsafe(ref rout, (nuint)i);
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static double ApplyRange<TStencil>(TStencil s, float[] y, int start, int end)
        where TStencil : IStencil, allows ref struct
    {
        ref float ry = ref MemoryMarshal.GetArrayDataReference(y);
        var lo = Vector<double>.Zero;
        var hi = Vector<double>.Zero;
        for (int i = start; i < end; i += Vector<float>.Count)
        {
            var ax = s.Product(i);
            ax.StoreUnsafe(ref ry, (nuint)i);
            Vector.Widen(s.At(i), out var xlo, out var xhi);
            Vector.Widen(ax, out var alo, out var ahi);
            lo += xlo * alo;
            hi += xhi * ahi;
        }

        return Vector.Sum(lo + hi);
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void ResidualRange<TStencil>(TStencil s, float[] b, float[] r, int start, int end)
        where TStencil : IStencil, allows ref struct
    {
        ref float rb = ref MemoryMarshal.GetArrayDataReference(b);
        ref float rr = ref MemoryMarshal.GetArrayDataReference(r);
        for (int i = start; i < end; i += Vector<float>.Count)
        {
            (Load(ref rb, i) - s.Product(i)).StoreUnsafe(ref rr, (nuint)i);
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void JacobiRange<TStencil>(TStencil s, float[] b, float[] xOut, float omega, int start, int end)
        where TStencil : IStencil, allows ref struct
    {
        ref float rb = ref MemoryMarshal.GetArrayDataReference(b);
        ref float rout = ref MemoryMarshal.GetArrayDataReference(xOut);
        var w = new Vector<float>(omega);
        for (int i = start; i < end; i += Vector<float>.Count)
        {
            var update = w * s.InverseDiagonal(i) * (Load(ref rb, i) - s.Product(i));
            (s.At(i) + update).StoreUnsafe(ref rout, (nuint)i);
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static Vector<float> Load(ref float array, int i) => Vector.LoadUnsafe(ref array, (nuint)i);
}

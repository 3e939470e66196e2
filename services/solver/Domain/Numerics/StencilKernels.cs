using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

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

    /// <summary>
    /// r[k] = (b − A·x) at array index start + k, for k up to r.Length (a whole number of vectors): one row of the
    /// residual, produced where it is consumed instead of stored as a field.
    /// </summary>
    public static void ResidualRow(StencilLevel level, float[] b, float[] x, int start, Span<float> r)
    {
        if (level.HasUnitConductances)
        {
            ResidualRange(new UnitStencil(level, x), b, r, start);
        }
        else
        {
            ResidualRange(new FaceStencil(level, x), b, r, start);
        }
    }

    /// <summary>
    /// xOut = ω·D⁻¹·b on [start, end): the first Jacobi sweep from a zero initial guess (0 outside the solve).
    /// Called block by block by <see cref="JacobiPairs"/>.
    /// </summary>
    // AggressiveOptimization: the loops run fully optimised from the first call instead of starting at tier 0,
    // which would otherwise distort the first solves of a process (and every benchmark's first row).
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    internal static void JacobiFromZeroRange<TStencil>(TStencil s, float[] b, float[] xOut, float omega, int start, int end)
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
    private static void ResidualRange<TStencil>(TStencil s, float[] b, Span<float> r, int start)
        where TStencil : IStencil, allows ref struct
    {
        ref float rb = ref MemoryMarshal.GetArrayDataReference(b);
        ref float rr = ref MemoryMarshal.GetReference(r);
        for (int k = 0; k < r.Length; k += Vector<float>.Count)
        {
            (Load(ref rb, start + k) - s.Product(start + k)).StoreUnsafe(ref rr, (nuint)k);
        }
    }

    /// <summary>
    /// xOut = x + ω·D⁻¹·(b − A·x) on [start, end); cells outside the solve keep x. Returns bᵀxOut, summed in the same
    /// pass (the arithmetic is free in a memory-bound loop, and the last sweep of a cycle thereby hands CG its rᵀz).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    internal static double JacobiRange<TStencil>(TStencil s, float[] b, float[] xOut, float omega, int start, int end)
        where TStencil : IStencil, allows ref struct
    {
        ref float rb = ref MemoryMarshal.GetArrayDataReference(b);
        ref float rout = ref MemoryMarshal.GetArrayDataReference(xOut);
        var w = new Vector<float>(omega);
        var lo = Vector<double>.Zero;
        var hi = Vector<double>.Zero;
        for (int i = start; i < end; i += Vector<float>.Count)
        {
            var bi = Load(ref rb, i);
            var xi = s.At(i) + w * s.InverseDiagonal(i) * (bi - s.Product(i));
            xi.StoreUnsafe(ref rout, (nuint)i);
            Vector.Widen(bi, out var blo, out var bhi);
            Vector.Widen(xi, out var xlo, out var xhi);
            lo += blo * xlo;
            hi += bhi * xhi;
        }

        return Vector.Sum(lo + hi);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static Vector<float> Load(ref float array, int i) => Vector.LoadUnsafe(ref array, (nuint)i);

    /// <summary>
    /// Vector&lt;float&gt;.Count bytes from i, widened to floats: the unit form's diagonal is stored as bytes (it is a
    /// small integer), a quarter of the bytes a float field streams. With AVX2 one vpmovzxbd and one conversion.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static Vector<float> LoadWidened(ref byte array, int i)
    {
        if (Vector<float>.Count == 8 && Avx2.IsSupported)
        {
            var bytes = Vector128.CreateScalarUnsafe(Unsafe.ReadUnaligned<ulong>(ref Unsafe.Add(ref array, i))).AsByte();
            return Avx.ConvertToVector256Single(Avx2.ConvertToVector256Int32(bytes)).AsVector();
        }

        Span<float> lanes = stackalloc float[Vector<float>.Count];
        for (int k = 0; k < lanes.Length; k++)
        {
            lanes[k] = Unsafe.Add(ref array, i + k);
        }

        return new Vector<float>(lanes);
    }
}

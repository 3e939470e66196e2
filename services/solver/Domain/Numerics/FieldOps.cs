using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using static MesoStream.Solver.Numerics.StencilKernels;

namespace MesoStream.Solver.Numerics;

/// <summary>
/// The Krylov vector operations on single-precision fields. Dot products widen to double before accumulating, so
/// the CG coefficients keep double accuracy while the fields stream at half the bytes. Loops are marked
/// AggressiveOptimization for the same reason as <see cref="StencilKernels"/>.
/// </summary>
internal static class FieldOps
{
    /// <summary>a·b, accumulated in double.</summary>
    public static double Dot(StencilLevel level, float[] a, float[] b) =>
        level.SumOverChunks((start, end) => DotRange(a, b, start, end));

    /// <summary>x += α·p; r −= α·q; returns r·r (the CG update fused into one pass).</summary>
    public static double UpdateSolutionAndResidual(StencilLevel level, float[] x, float[] r, float[] p, float[] q, double alpha) =>
        level.SumOverChunks((start, end) => UpdateRange(x, r, p, q, (float)alpha, start, end));

    /// <summary>p = z + β·p.</summary>
    public static void UpdateDirection(StencilLevel level, float[] p, float[] z, double beta) =>
        level.ForEachChunk((start, end) => DirectionRange(p, z, (float)beta, start, end));

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static double DotRange(float[] a, float[] b, int start, int end)
    {
        ref float ra = ref MemoryMarshal.GetArrayDataReference(a);
        ref float rb = ref MemoryMarshal.GetArrayDataReference(b);
        var lo = Vector<double>.Zero;
        var hi = Vector<double>.Zero;
        for (int i = start; i < end; i += Vector<float>.Count)
        {
            Vector.Widen(Load(ref ra, i), out var alo, out var ahi);
            Vector.Widen(Load(ref rb, i), out var blo, out var bhi);
            lo += alo * blo;
            hi += ahi * bhi;
        }

        return Vector.Sum(lo + hi);
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static double UpdateRange(float[] x, float[] r, float[] p, float[] q, float alpha, int start, int end)
    {
        ref float rx = ref MemoryMarshal.GetArrayDataReference(x);
        ref float rr = ref MemoryMarshal.GetArrayDataReference(r);
        ref float rp = ref MemoryMarshal.GetArrayDataReference(p);
        ref float rq = ref MemoryMarshal.GetArrayDataReference(q);
        var a = new Vector<float>(alpha);
        var lo = Vector<double>.Zero;
        var hi = Vector<double>.Zero;
        for (int i = start; i < end; i += Vector<float>.Count)
        {
            (Load(ref rx, i) + a * Load(ref rp, i)).StoreUnsafe(ref rx, (nuint)i);
            var ri = Load(ref rr, i) - a * Load(ref rq, i);
            ri.StoreUnsafe(ref rr, (nuint)i);
            Vector.Widen(ri, out var rlo, out var rhi);
            lo += rlo * rlo;
            hi += rhi * rhi;
        }

        return Vector.Sum(lo + hi);
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void DirectionRange(float[] p, float[] z, float beta, int start, int end)
    {
        ref float rp = ref MemoryMarshal.GetArrayDataReference(p);
        ref float rz = ref MemoryMarshal.GetArrayDataReference(z);
        var b = new Vector<float>(beta);
        for (int i = start; i < end; i += Vector<float>.Count)
        {
            (Load(ref rz, i) + b * Load(ref rp, i)).StoreUnsafe(ref rp, (nuint)i);
        }
    }
}

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

    /// <summary>
    /// x += α·p in double; r −= α·q; returns r·r (the CG update fused into one pass). x is the refinement's double
    /// solution itself rather than a float correction added to it afterwards: that saves a float field (4 B per
    /// voxel) and a pass per refinement for 8 more bytes streamed per iteration.
    /// </summary>
    public static double UpdateSolutionAndResidual(StencilLevel level, double[] x, float[] r, float[] p, float[] q, double alpha) =>
        level.SumOverChunks((start, end) => UpdateRange(x, r, p, q, alpha, start, end));

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
    private static double UpdateRange(double[] x, float[] r, float[] p, float[] q, double alpha, int start, int end)
    {
        ref double rx = ref MemoryMarshal.GetArrayDataReference(x);
        ref float rr = ref MemoryMarshal.GetArrayDataReference(r);
        ref float rp = ref MemoryMarshal.GetArrayDataReference(p);
        ref float rq = ref MemoryMarshal.GetArrayDataReference(q);
        // x moves by the same float α as r (so x and r stay consistent), widened exactly to double. The double α
        // differs in its last bits with the chunking of the dot products (which follows the thread count); the
        // float one almost never does, which keeps results independent of the thread count.
        var a = new Vector<float>((float)alpha);
        var ad = new Vector<double>((float)alpha);
        int half = Vector<double>.Count;
        var lo = Vector<double>.Zero;
        var hi = Vector<double>.Zero;
        for (int i = start; i < end; i += Vector<float>.Count)
        {
            Vector.Widen(Load(ref rp, i), out var plo, out var phi);
            (Vector.LoadUnsafe(ref rx, (nuint)i) + ad * plo).StoreUnsafe(ref rx, (nuint)i);
            (Vector.LoadUnsafe(ref rx, (nuint)(i + half)) + ad * phi).StoreUnsafe(ref rx, (nuint)(i + half));
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

using System.Numerics;

namespace MesoStream.Solver.Numerics;

/// <summary>
/// Two damped-Jacobi sweeps in one pass over memory (temporal blocking; Wellein et al. 2009, Datta et al. 2008).
/// The walked range is cut into blocks of whole vectors holding at least one plane, so a cell's neighbours lie in its
/// own block or the two beside it. A worker owns a slab of consecutive blocks and walks it as a wavefront: the first
/// sweep (x → scratch) runs one block ahead of the second (scratch → x), which therefore reads the first's output
/// and the coefficients while they are still in cache. A fused pair streams x, b and the coefficients once and
/// writes two fields, instead of reading and writing everything twice. The result equals two separate sweeps cell
/// for cell.
/// <para>
/// Slabs meet only at their edge blocks: the first sweep of every slab's first and last block runs for all slabs
/// before the wavefronts start. Then no wavefront reads x or scratch that another one writes.
/// </para>
/// </summary>
internal static class JacobiPairs
{
    /// <summary>
    /// x ← two sweeps from x, or from zero when <paramref name="fromZero"/> (the first then is ω·D⁻¹·b);
    /// <paramref name="scratch"/> holds the first sweep's result afterwards. Returns bᵀx of the new x.
    /// </summary>
    public static double Smooth(StencilLevel level, float[] b, float[] x, float[] scratch, float omega, bool fromZero)
    {
        int width = Vector<float>.Count;
        int block = (level.Plane + width - 1) / width * width;
        int blocks = (level.Span + block - 1) / block;
        int slabs = Math.Clamp(Math.Min(level.Chunks, blocks), 1, blocks);
        var first = new Action<int>(k => FirstSweep(level, b, x, scratch, omega, fromZero, Range(level, block, k)));
        var partial = new double[slabs];
        if (slabs == 1)
        {
            partial[0] = Wavefront(level, b, x, scratch, omega, first, block, 0, blocks, edgesDone: false);
        }
        else
        {
            Parallel.For(0, slabs, level.Parallelism, slab =>
            {
                var (k0, k1) = Slab(blocks, slabs, slab);
                first(k0);
                if (k1 - 1 > k0)
                {
                    first(k1 - 1);
                }
            });
            Parallel.For(0, slabs, level.Parallelism, slab =>
            {
                var (k0, k1) = Slab(blocks, slabs, slab);
                partial[slab] = Wavefront(level, b, x, scratch, omega, first, block, k0, k1, edgesDone: true);
            });
        }

        double sum = 0;
        foreach (double p in partial)
        {
            sum += p;
        }

        return sum;
    }

    /// <summary>Second sweeps of blocks [k0, k1), each after the first sweep of the block beyond it.</summary>
    private static double Wavefront(
        StencilLevel level, float[] b, float[] x, float[] scratch, float omega, Action<int> first, int block, int k0, int k1, bool edgesDone)
    {
        if (!edgesDone)
        {
            first(k0);
        }

        double bDotX = 0;
        for (int k = k0; k < k1; k++)
        {
            bool ahead = k + 1 < k1;
            bool edge = k + 1 == k1 - 1;
            if (ahead && !(edgesDone && edge))
            {
                first(k + 1);
            }

            bDotX += SecondSweep(level, b, scratch, x, omega, Range(level, block, k));
        }

        return bDotX;
    }

    private static void FirstSweep(StencilLevel level, float[] b, float[] x, float[] scratch, float omega, bool fromZero, (int Start, int End) range)
    {
        var (start, end) = range;
        if (fromZero)
        {
            if (level.HasUnitConductances)
            {
                StencilKernels.JacobiFromZeroRange(new UnitStencil(level, b), b, scratch, omega, start, end);
            }
            else
            {
                StencilKernels.JacobiFromZeroRange(new FaceStencil(level, b), b, scratch, omega, start, end);
            }
        }
        else if (level.HasUnitConductances)
        {
            StencilKernels.JacobiRange(new UnitStencil(level, x), b, scratch, omega, start, end);
        }
        else
        {
            StencilKernels.JacobiRange(new FaceStencil(level, x), b, scratch, omega, start, end);
        }
    }

    private static double SecondSweep(StencilLevel level, float[] b, float[] scratch, float[] x, float omega, (int Start, int End) range) =>
        level.HasUnitConductances
            ? StencilKernels.JacobiRange(new UnitStencil(level, scratch), b, x, omega, range.Start, range.End)
            : StencilKernels.JacobiRange(new FaceStencil(level, scratch), b, x, omega, range.Start, range.End);

    /// <summary>The array range of block k (the last block may be shorter).</summary>
    private static (int Start, int End) Range(StencilLevel level, int block, int k)
    {
        int start = level.Pad + k * block;
        return (start, Math.Min(start + block, level.Pad + level.Span));
    }

    /// <summary>Blocks [k0, k1) of slab s: near-equal shares in order.</summary>
    private static (int K0, int K1) Slab(int blocks, int slabs, int s) =>
        ((int)((long)blocks * s / slabs), (int)((long)blocks * (s + 1) / slabs));
}

using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace MesoStream.Solver.Numerics;

/// <summary>
/// Builds the next-coarser level over 2×2×2 aggregates (1-wide at odd edges) and transfers fields between levels.
/// <para>
/// Prolongation P is piecewise constant (each fine cell takes its aggregate's value) and restriction is Pᵀ (sum over
/// the aggregate). The coarse operator is A_c = ½·PᵀAP: the Galerkin product keeps the 7-point pattern, conserves
/// connectivity exactly (a coarse face conducts iff some fine face across it does, so every coarse cell that holds
/// percolating voxels still reaches a Dirichlet face and A_c stays non-singular) and the ½ makes it equal the
/// rediscretised operator on a homogeneous medium (coarse conductance k·(2h)²/(2h) = 2k·h, not the Galerkin 4k·h).
/// That over-correction is the standard cure for the too-stiff coarse spaces of constant-interpolation aggregation
/// (Braess 1995; Vaněk et al.). Any SPD A_c keeps the symmetric cycle an SPD preconditioner.
/// </para>
/// </summary>
internal static class AggregationCoarsening
{
    public static StencilLevel Coarsen(StencilLevel fine)
    {
        var coarse = fine.NewCoarseFaceLevel();
        Action<int> aggregatePlane = fine.HasUnitConductances
            ? cz => UnitFormAggregation.AggregatePlane(fine, coarse, cz)
            : cz => AggregatePlane(fine, coarse, cz);
        Parallel.For(0, coarse.Nz, coarse.Parallelism, aggregatePlane);
        coarse.ComputeInverseDiagonal();
        return coarse;
    }

    // AggressiveOptimization here and in the other setup loops: each runs once per solve, so tiered compilation
    // would leave it in unoptimised tier-0 code (several times slower) for the whole solve.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void AggregatePlane(StencilLevel fine, StencilLevel coarse, int cz)
    {
        for (int cy = 0; cy < coarse.Ny; cy++)
        {
            for (int cx = 0; cx < coarse.Nx; cx++)
            {
                AggregateCell(fine, coarse, cx, cy, cz);
            }
        }
    }

    /// <summary>One coarse cell of a face-form fine level, from its conductance arrays.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void AggregateCell(StencilLevel fine, StencilLevel coarse, int cx, int cy, int cz)
    {
        // In PᵀAP the faces inside an aggregate cancel; a face leaving a child at odd offset leads to the next
        // aggregate and adds to the coarse face; reservoir conductances add up.
        double beta = 0, gx = 0, gy = 0, gz = 0;
        for (int z = 2 * cz; z < Math.Min(2 * cz + 2, fine.Nz); z++)
        {
            for (int y = 2 * cy; y < Math.Min(2 * cy + 2, fine.Ny); y++)
            {
                for (int x = 2 * cx; x < Math.Min(2 * cx + 2, fine.Nx); x++)
                {
                    int i = fine.Index(x, y, z);
                    beta += fine.Boundary[i];
                    gx += (x & 1) == 1 ? fine.Gx[i] : 0;
                    gy += (y & 1) == 1 ? fine.Gy[i] : 0;
                    gz += (z & 1) == 1 ? fine.Gz[i] : 0;
                }
            }
        }

        int c = coarse.Index(cx, cy, cz);
        coarse.Boundary[c] = (float)(0.5 * beta);
        coarse.Gx[c] = (float)(0.5 * gx);
        coarse.Gy[c] = (float)(0.5 * gy);
        coarse.Gz[c] = (float)(0.5 * gz);
    }

    /// <summary>
    /// bCoarse = Pᵀ·(bFine − A·xFine) (the residual summed over each aggregate). The fine residual is computed row by
    /// row into a buffer and summed at once, so it never makes a round trip through memory as a field.
    /// </summary>
    public static void RestrictResidual(StencilLevel fine, StencilLevel coarse, float[] bFine, float[] xFine, float[] bCoarse) =>
        ForEachCoarsePlane(coarse, cz => RestrictPlane(fine, coarse, bFine, xFine, bCoarse, cz));

    /// <summary>
    /// xFine += P·xCoarse on the cells inside the solve only, so cells outside it stay exactly zero in the
    /// preconditioned vector and CG never moves them.
    /// </summary>
    public static void ProlongAdd(StencilLevel fine, StencilLevel coarse, float[] xCoarse, float[] xFine) =>
        ForEachCoarsePlane(coarse, cz => ProlongPlane(fine, coarse, xCoarse, xFine, cz));

    /// <summary>Coarse z-planes own disjoint fine planes, so they run in parallel; small levels stay on one thread.</summary>
    private static void ForEachCoarsePlane(StencilLevel coarse, Action<int> body)
    {
        if (coarse.Chunks == 1)
        {
            for (int cz = 0; cz < coarse.Nz; cz++)
            {
                body(cz);
            }
        }
        else
        {
            Parallel.For(0, coarse.Nz, coarse.Parallelism, body);
        }
    }

    /// <summary>
    /// Sums the (up to) four fine rows of each coarse row element-wise with SIMD into a row buffer, then adds
    /// neighbouring pairs: the scalar part touches each coarse value once, with no loop-carried dependency.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void RestrictPlane(StencilLevel fine, StencilLevel coarse, float[] bFine, float[] xFine, float[] bCoarse, int cz)
    {
        int nx = fine.Nx;
        int vectorRow = (nx + Vector<float>.Count - 1) / Vector<float>.Count * Vector<float>.Count;
        Span<float> sum = nx <= MaxStackRow ? stackalloc float[nx] : new float[nx];
        Span<float> residual = vectorRow <= MaxStackRow ? stackalloc float[vectorRow] : new float[vectorRow];
        int zEnd = Math.Min(2 * cz + 2, fine.Nz);
        for (int cy = 0; cy < coarse.Ny; cy++)
        {
            int yEnd = Math.Min(2 * cy + 2, fine.Ny);
            sum.Clear();
            for (int z = 2 * cz; z < zEnd; z++)
            {
                for (int y = 2 * cy; y < yEnd; y++)
                {
                    StencilKernels.ResidualRow(fine, bFine, xFine, fine.Index(0, y, z), residual);
                    AddInto(sum, residual[..nx]);
                }
            }

            var row = bCoarse.AsSpan(coarse.Index(0, cy, cz), coarse.Nx);
            for (int cx = 0; cx < nx / 2; cx++)
            {
                row[cx] = sum[2 * cx] + sum[2 * cx + 1];
            }

            if ((nx & 1) == 1)
            {
                row[nx / 2] = sum[nx - 1];
            }
        }
    }

    /// <summary>
    /// Expands each coarse row to fine resolution once (scalar, independent writes), then adds it with SIMD to the
    /// (up to) four fine rows it covers, masked to the cells inside the solve.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void ProlongPlane(StencilLevel fine, StencilLevel coarse, float[] xCoarse, float[] xFine, int cz)
    {
        int nx = fine.Nx;
        Span<float> expanded = nx <= MaxStackRow ? stackalloc float[nx] : new float[nx];
        int zEnd = Math.Min(2 * cz + 2, fine.Nz);
        for (int cy = 0; cy < coarse.Ny; cy++)
        {
            var source = xCoarse.AsSpan(coarse.Index(0, cy, cz), coarse.Nx);
            for (int x = 0; x < nx; x++)
            {
                expanded[x] = source[x >> 1];
            }

            int yEnd = Math.Min(2 * cy + 2, fine.Ny);
            for (int z = 2 * cz; z < zEnd; z++)
            {
                for (int y = 2 * cy; y < yEnd; y++)
                {
                    int start = fine.Index(0, y, z);
                    if (fine.HasUnitConductances)
                    {
                        MaskedAdd(xFine.AsSpan(start, nx), expanded, new DegreeMask(fine.Degree, start));
                    }
                    else
                    {
                        MaskedAdd(xFine.AsSpan(start, nx), expanded, new InverseDiagonalMask(fine.InvDiag, start));
                    }
                }
            }
        }
    }

    private const int MaxStackRow = 4096;

    // AggressiveOptimization: called per row from the cycle; not inlined (it loops), it would otherwise start at tier 0.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void AddInto(Span<float> sum, ReadOnlySpan<float> row)
    {
        ref float rs = ref MemoryMarshal.GetReference(sum);
        ref float rr = ref MemoryMarshal.GetReference(row);
        int x = 0;
        for (; x <= row.Length - Vector<float>.Count; x += Vector<float>.Count)
        {
            (Vector.LoadUnsafe(ref rs, (nuint)x) + Vector.LoadUnsafe(ref rr, (nuint)x)).StoreUnsafe(ref rs, (nuint)x);
        }

        for (; x < row.Length; x++)
        {
            sum[x] += row[x];
        }
    }

    /// <summary>Which cells of a fine row are inside the solve: d &gt; 0 (unit form, bytes) or 1/d &gt; 0 (face form).</summary>
    private interface IInsideMask
    {
        /// <summary>A positive value at the cells x … x + Width − 1 of the row that are inside.</summary>
        Vector<float> At(int x);

        bool Inside(int x);
    }

    private readonly ref struct DegreeMask(byte[] degree, int start) : IInsideMask
    {
        private readonly ref byte _d = ref MemoryMarshal.GetArrayDataReference(degree);

        public Vector<float> At(int x) => StencilKernels.LoadWidened(ref _d, start + x);

        public bool Inside(int x) => Unsafe.Add(ref _d, start + x) > 0;
    }

    private readonly ref struct InverseDiagonalMask(float[] inverse, int start) : IInsideMask
    {
        private readonly ref float _d = ref MemoryMarshal.GetArrayDataReference(inverse);

        public Vector<float> At(int x) => StencilKernels.Load(ref _d, start + x);

        public bool Inside(int x) => Unsafe.Add(ref _d, start + x) > 0;
    }

    /// <summary>target += value where the mask says inside.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void MaskedAdd<TMask>(Span<float> target, ReadOnlySpan<float> value, TMask mask)
        where TMask : IInsideMask, allows ref struct
    {
        ref float rt = ref MemoryMarshal.GetReference(target);
        ref float rv = ref MemoryMarshal.GetReference(value);
        int x = 0;
        for (; x <= target.Length - Vector<float>.Count; x += Vector<float>.Count)
        {
            var inside = Vector.GreaterThan(mask.At(x), Vector<float>.Zero);
            var add = Vector.ConditionalSelect(inside, Vector.LoadUnsafe(ref rv, (nuint)x), Vector<float>.Zero);
            (Vector.LoadUnsafe(ref rt, (nuint)x) + add).StoreUnsafe(ref rt, (nuint)x);
        }

        for (; x < target.Length; x++)
        {
            if (mask.Inside(x))
            {
                target[x] += value[x];
            }
        }
    }
}

using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace MesoStream.Solver.Numerics;

/// <summary>
/// ½·PᵀAP over the 2×2×2 aggregates of a unit-form level (<see cref="AggregationCoarsening"/>), row by row in SIMD.
/// The unit form stores only the diagonal d, so a cell's reservoir conductance βᵢ = dᵢ − (inside neighbours) and its
/// conducting faces (both ends inside) follow from vector compares of d. They are summed element-wise over the
/// aggregate's (up to) four fine rows, then the fine pairs along x are added per coarse cell. Every value is a small
/// integer, so the float sums are exact and equal the cell-by-cell aggregation of the face form.
/// </summary>
internal static class UnitFormAggregation
{
    private const int MaxStackFloats = 4096;

    // AggressiveOptimization: runs once per solve, too rarely for tiered compilation to optimise it in time.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void AggregatePlane(StencilLevel fine, StencilLevel coarse, int cz)
    {
        int nx = fine.Nx;
        int vectorRow = (nx + Vector<float>.Count - 1) / Vector<float>.Count * Vector<float>.Count;
        Span<float> sums = 4 * vectorRow <= MaxStackFloats ? stackalloc float[4 * vectorRow] : new float[4 * vectorRow];
        var reservoir = sums[..vectorRow];
        var faceX = sums.Slice(vectorRow, vectorRow);
        var faceY = sums.Slice(2 * vectorRow, vectorRow);
        var faceZ = sums.Slice(3 * vectorRow, vectorRow);
        int zEnd = Math.Min(2 * cz + 2, fine.Nz);
        for (int cy = 0; cy < coarse.Ny; cy++)
        {
            sums.Clear();
            int yEnd = Math.Min(2 * cy + 2, fine.Ny);
            for (int z = 2 * cz; z < zEnd; z++)
            {
                for (int y = 2 * cy; y < yEnd; y++)
                {
                    // Faces inside an aggregate cancel in PᵀAP: only those leaving a child at odd offset count.
                    AccumulateRow(fine, fine.Index(0, y, z), (y & 1) == 1, (z & 1) == 1, sums, vectorRow);
                }
            }

            int c = coarse.Index(0, cy, cz);
            for (int cx = 0; cx < coarse.Nx; cx++)
            {
                int x = 2 * cx;
                bool pair = x + 1 < nx;
                coarse.Boundary[c + cx] = 0.5f * (reservoir[x] + (pair ? reservoir[x + 1] : 0));
                coarse.Gx[c + cx] = pair ? 0.5f * faceX[x + 1] : 0;
                coarse.Gy[c + cx] = 0.5f * (faceY[x] + (pair ? faceY[x + 1] : 0));
                coarse.Gz[c + cx] = 0.5f * (faceZ[x] + (pair ? faceZ[x + 1] : 0));
            }
        }
    }

    /// <summary>
    /// Adds one fine row's β and faces to +x (and to +y, +z where <paramref name="oddY"/>, <paramref name="oddZ"/>)
    /// into the four sums of <paramref name="sums"/>, each <paramref name="vectorRow"/> long. Lanes past the row end
    /// read the ghost column or the next row and are never used.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void AccumulateRow(StencilLevel fine, int start, bool oddY, bool oddZ, Span<float> sums, int vectorRow)
    {
        ref byte d = ref MemoryMarshal.GetArrayDataReference(fine.Degree);
        ref float reservoir = ref MemoryMarshal.GetReference(sums);
        ref float faceX = ref Unsafe.Add(ref reservoir, vectorRow);
        ref float faceY = ref Unsafe.Add(ref reservoir, 2 * vectorRow);
        ref float faceZ = ref Unsafe.Add(ref reservoir, 3 * vectorRow);
        int row = fine.RowStride, plane = fine.Plane;
        for (int k = 0; k < vectorRow; k += Vector<float>.Count)
        {
            int i = start + k;
            var di = StencilKernels.LoadWidened(ref d, i);
            var inside = Vector.GreaterThan(di, Vector<float>.Zero);
            var east = In(ref d, i + 1);
            var north = In(ref d, i + row);
            var up = In(ref d, i + plane);
            var neighbours = (east + In(ref d, i - 1)) + (north + In(ref d, i - row)) + (up + In(ref d, i - plane));
            var beta = Vector.ConditionalSelect(inside, di - neighbours, Vector<float>.Zero);
            Add(ref reservoir, k, beta);
            Add(ref faceX, k, Vector.ConditionalSelect(inside, east, Vector<float>.Zero));
            if (oddY)
            {
                Add(ref faceY, k, Vector.ConditionalSelect(inside, north, Vector<float>.Zero));
            }

            if (oddZ)
            {
                Add(ref faceZ, k, Vector.ConditionalSelect(inside, up, Vector<float>.Zero));
            }
        }
    }

    /// <summary>1 where the cells from i are inside the solve (d &gt; 0), else 0.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector<float> In(ref byte d, int i) =>
        Vector.ConditionalSelect(Vector.GreaterThan(StencilKernels.LoadWidened(ref d, i), Vector<float>.Zero), Vector<float>.One, Vector<float>.Zero);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Add(ref float sum, int k, Vector<float> value) =>
        (Vector.LoadUnsafe(ref sum, (nuint)k) + value).StoreUnsafe(ref sum, (nuint)k);
}

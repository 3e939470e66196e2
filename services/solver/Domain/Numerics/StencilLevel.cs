using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace MesoStream.Solver.Numerics;

/// <summary>
/// A 7-point finite-volume operator on one grid level, in one of two single-precision forms.
/// <para>
/// Face form (<see cref="WithFaceConductances"/>): face conductances in flux form,
/// (A·c)ᵢ = βᵢ·cᵢ + Σ_faces g_f·(cᵢ − c_neighbour), with βᵢ the cell's Dirichlet (reservoir) conductance.
/// The flux form keeps every row sum exactly βᵢ whatever the rounding of the g's, so a float operator conserves
/// flux exactly; storing the diagonal instead would leak ~1e-7 per cell. <see cref="Gx"/>[i] couples cell i to i+1,
/// <see cref="Gy"/>[i] to i+RowStride, <see cref="Gz"/>[i] to i+Plane; a face that does not conduct stores 0.
/// <see cref="InvDiag"/> holds 1/(βᵢ + Σ g) for the smoother, 0 for cells outside the solve.
/// </para>
/// <para>
/// Unit form (<see cref="WithUnitConductances"/>), for a binary medium whose conducting faces all have conductance 1
/// (the model phases): the operator is the graph Laplacian plus reservoirs, (A·c)ᵢ = dᵢ·cᵢ − Σ_neighbours c_j for
/// cells inside the solve and 0 outside, exact as long as c vanishes outside the solve (every field the solver
/// builds does). Only the integer diagonal dᵢ = βᵢ + (conducting faces) is stored, 0 outside: 4 bytes per cell
/// instead of 20, which is what a memory-bound iteration pays for. Row sums are exactly βᵢ here too.
/// </para>
/// <para>
/// Rows are Nx + 1 cells long and planes Ny + 1 rows: the extra ghost column and row never take part in the solve,
/// so a neighbour read past the end of a row or plane finds a cell outside the solve (needed by the unit form,
/// whose neighbour sum has no per-face coefficient to switch it off). Every array is padded by one plane plus one
/// SIMD vector on each side, so the kernels read neighbours without bounds checks. The walked range is rounded up
/// to whole vectors; the operator maps the rounding tail to zero.
/// </para>
/// </summary>
internal sealed class StencilLevel
{
    /// <summary>Levels smaller than this run their kernels on one thread: fork/join would cost more than the work.</summary>
    private const int MinCellsPerChunk = 16_384;

    private StencilLevel(int nx, int ny, int nz, bool unit, int maxDegreeOfParallelism, SolveWorkspace workspace)
    {
        _workspace = workspace;
        Nx = nx;
        Ny = ny;
        Nz = nz;
        RowStride = nx + 1;
        Plane = RowStride * (ny + 1);
        Count = nx * ny * nz;
        Pad = Plane + Width;
        Span = (Plane * nz + Width - 1) / Width * Width;
        Length = ArrayLength(nx, ny, nz);
        HasUnitConductances = unit;
        Degree = unit ? _workspace.Rent<byte>(Length) : [];
        Gx = unit ? [] : NewField();
        Gy = unit ? [] : NewField();
        Gz = unit ? [] : NewField();
        Boundary = unit ? [] : NewField();
        InvDiag = unit ? [] : NewField();

        int threads = maxDegreeOfParallelism > 0 ? maxDegreeOfParallelism : Environment.ProcessorCount;
        int vectors = Span / Width;
        Chunks = Math.Clamp(Count / MinCellsPerChunk, 1, threads * 4);
        ChunkVectors = (vectors + Chunks - 1) / Chunks;
        Parallelism = new ParallelOptions { MaxDegreeOfParallelism = threads };
        _partialSums = new double[Chunks];
        _partialSecondSums = new double[Chunks];
    }

    /// <summary>A level stored as face conductances (any positive conductivities, and every coarse level).</summary>
    public static StencilLevel WithFaceConductances(int nx, int ny, int nz, int maxDegreeOfParallelism, SolveWorkspace workspace) =>
        new(nx, ny, nz, unit: false, maxDegreeOfParallelism, workspace);

    /// <summary>A level whose conducting faces all have unit conductance, stored as its diagonal only.</summary>
    public static StencilLevel WithUnitConductances(int nx, int ny, int nz, int maxDegreeOfParallelism, SolveWorkspace workspace) =>
        new(nx, ny, nz, unit: true, maxDegreeOfParallelism, workspace);

    private readonly SolveWorkspace _workspace;
    private readonly double[] _partialSums;
    private readonly double[] _partialSecondSums;

    public int Nx { get; }
    public int Ny { get; }
    public int Nz { get; }
    /// <summary>Array distance between (x, y, z) and (x, y + 1, z).</summary>
    public int RowStride { get; }

    /// <summary>Array distance between (x, y, z) and (x, y, z + 1).</summary>
    public int Plane { get; }

    /// <summary>Cells of the level (Nx·Ny·Nz).</summary>
    public int Count { get; }

    /// <summary>Planes (ghost cells included) rounded up to whole SIMD vectors: the range [Pad, Pad + Span) every kernel walks.</summary>
    public int Span { get; }

    /// <summary>Offset of cell (0, 0, 0) in every array.</summary>
    public int Pad { get; }

    public int Length { get; }

    /// <summary>The length of every array of a level of nx × ny × nz cells (padding and ghost cells included).</summary>
    public static int ArrayLength(int nx, int ny, int nz)
    {
        int plane = (nx + 1) * (ny + 1);
        return 2 * (plane + Width) + (plane * nz + Width - 1) / Width * Width;
    }
    private static int Width => Vector<float>.Count;
    public int Chunks { get; }
    private int ChunkVectors { get; }
    public ParallelOptions Parallelism { get; }

    public bool HasUnitConductances { get; }

    /// <summary>
    /// Unit form: dᵢ, the diagonal (0 outside the solve), an integer of at most 6 faces plus 2 per reservoir, kept
    /// in a byte: 1 byte per cell instead of 4, in memory and in every pass that streams it. Empty in face form.
    /// </summary>
    public byte[] Degree { get; }

    /// <summary>Face form: conductance to the next cell along x. Empty in unit form (and so are Gy, Gz, β, 1/d).</summary>
    public float[] Gx { get; }
    public float[] Gy { get; }
    public float[] Gz { get; }
    /// <summary>β: conductance from the cell to a Dirichlet reservoir (2k at inlet/outlet voxels, else 0).</summary>
    public float[] Boundary { get; }
    public float[] InvDiag { get; }

    public int Index(int x, int y, int z) => Pad + x + RowStride * y + Plane * z;

    /// <summary>Conductance of the face between array index i and i + 1.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public double FaceX(int i) => HasUnitConductances ? UnitFace(i, i + 1) : Gx[i];

    /// <summary>Conductance of the face between array index i and i + RowStride.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public double FaceY(int i) => HasUnitConductances ? UnitFace(i, i + RowStride) : Gy[i];

    /// <summary>Conductance of the face between array index i and i + Plane.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public double FaceZ(int i) => HasUnitConductances ? UnitFace(i, i + Plane) : Gz[i];

    /// <summary>The diagonal of A at array index i: β plus the six face conductances.</summary>
    public double Diagonal(int i) => HasUnitConductances
        ? Degree[i]
        : (double)Boundary[i] + Gx[i] + Gx[i - 1] + Gy[i] + Gy[i - RowStride] + Gz[i] + Gz[i - Plane];

    /// <summary>Whether array index i is a cell of the solve.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public bool IsInside(int i) => HasUnitConductances ? Degree[i] > 0 : InvDiag[i] > 0;

    /// <summary>Fills <see cref="InvDiag"/> from the conductances (face form): 1/diagonal, or 0 where the cell has none.</summary>
    public void ComputeInverseDiagonal() => ForEachChunk(InverseDiagonalRange);

    // AggressiveOptimization: runs once per level and solve, too rarely for tiered compilation to optimise it in time.
    // The diagonal is summed in double in the order of Diagonal(i), two double vectors per float vector.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void InverseDiagonalRange(int start, int end)
    {
        ref float beta = ref MemoryMarshal.GetArrayDataReference(Boundary);
        ref float gx = ref MemoryMarshal.GetArrayDataReference(Gx);
        ref float gy = ref MemoryMarshal.GetArrayDataReference(Gy);
        ref float gz = ref MemoryMarshal.GetArrayDataReference(Gz);
        ref float inverse = ref MemoryMarshal.GetArrayDataReference(InvDiag);
        for (int i = start; i < end; i += Width)
        {
            Vector.Widen(Vector.LoadUnsafe(ref beta, (nuint)i), out var lo, out var hi);
            AddWidened(ref lo, ref hi, ref gx, i);
            AddWidened(ref lo, ref hi, ref gx, i - 1);
            AddWidened(ref lo, ref hi, ref gy, i);
            AddWidened(ref lo, ref hi, ref gy, i - RowStride);
            AddWidened(ref lo, ref hi, ref gz, i);
            AddWidened(ref lo, ref hi, ref gz, i - Plane);
            Vector.Narrow(Inverse(lo), Inverse(hi)).StoreUnsafe(ref inverse, (nuint)i);
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void AddWidened(ref Vector<double> lo, ref Vector<double> hi, ref float g, int i)
    {
        Vector.Widen(Vector.LoadUnsafe(ref g, (nuint)i), out var glo, out var ghi);
        lo += glo;
        hi += ghi;
    }

    /// <summary>1/d where d &gt; 0, else 0.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector<double> Inverse(Vector<double> d) =>
        Vector.ConditionalSelect(Vector.GreaterThan(d, Vector<double>.Zero), Vector<double>.One / d, Vector<double>.Zero);

    /// <summary>A unit-form face conducts (1) when both its cells are inside the solve.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private int UnitFace(int i, int j) => In(i) & In(j);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private int In(int i) => Degree[i] > 0 ? 1 : 0;

    /// <summary>A zeroed float field on this level, from the solve's workspace.</summary>
    public float[] NewField() => _workspace.Rent<float>(Length);

    /// <summary>A zeroed double field on this level (concentration, right-hand side), from the solve's workspace.</summary>
    public double[] NewDoubleField() => _workspace.Rent<double>(Length);

    /// <summary>A level with half the cells along each axis (rounded up), from the same workspace.</summary>
    public StencilLevel NewCoarseFaceLevel() =>
        WithFaceConductances((Nx + 1) / 2, (Ny + 1) / 2, (Nz + 1) / 2, Parallelism.MaxDegreeOfParallelism, _workspace);

    /// <summary>The array range [start, end) of chunk <paramref name="chunk"/>, aligned to whole vectors.</summary>
    private (int Start, int End) ChunkRange(int chunk)
    {
        int start = Pad + chunk * ChunkVectors * Width;
        int end = Math.Min(start + ChunkVectors * Width, Pad + Span);
        return (start, Math.Max(start, end));
    }

    /// <summary>Runs <paramref name="body"/> over every chunk, in parallel when the level is large enough.</summary>
    public void ForEachChunk(Action<int, int> body)
    {
        if (Chunks == 1)
        {
            body(Pad, Pad + Span);
            return;
        }

        Parallel.For(0, Chunks, Parallelism, chunk =>
        {
            var (start, end) = ChunkRange(chunk);
            body(start, end);
        });
    }

    /// <summary>Sums <paramref name="body"/>'s per-chunk results in chunk order, so the total is deterministic.</summary>
    public double SumOverChunks(Func<int, int, double> body)
    {
        if (Chunks == 1)
        {
            return body(Pad, Pad + Span);
        }

        var partial = _partialSums;
        Parallel.For(0, Chunks, Parallelism, chunk =>
        {
            var (start, end) = ChunkRange(chunk);
            partial[chunk] = body(start, end);
        });
        double sum = 0;
        foreach (double p in partial)
        {
            sum += p;
        }

        return sum;
    }

    /// <summary>Two sums at once, like <see cref="SumOverChunks"/>.</summary>
    public (double, double) SumPairsOverChunks(Func<int, int, (double, double)> body)
    {
        if (Chunks == 1)
        {
            return body(Pad, Pad + Span);
        }

        var (first, second) = (_partialSums, _partialSecondSums);
        Parallel.For(0, Chunks, Parallelism, chunk =>
        {
            var (start, end) = ChunkRange(chunk);
            (first[chunk], second[chunk]) = body(start, end);
        });
        double a = 0, b = 0;
        for (int chunk = 0; chunk < Chunks; chunk++)
        {
            a += first[chunk];
            b += second[chunk];
        }

        return (a, b);
    }
}

using System.Numerics;

namespace MesoStream.Solver.Numerics;

/// <summary>
/// A 7-point finite-volume operator on one grid level, stored as face conductances (single precision) in flux form:
/// (A·c)ᵢ = βᵢ·cᵢ + Σ_faces g_f·(cᵢ − c_neighbour), with βᵢ the cell's Dirichlet (reservoir) conductance.
/// The flux form keeps every row sum exactly βᵢ whatever the rounding of the g's, so a float operator conserves
/// flux exactly; storing the diagonal instead would leak ~1e-7 per cell. <see cref="Gx"/>[i] couples cell i to i+1,
/// <see cref="Gy"/>[i] to i+Nx, <see cref="Gz"/>[i] to i+Nx·Ny; a face that does not conduct (or lies on the domain
/// boundary) stores 0. <see cref="InvDiag"/> holds 1/(βᵢ + Σ g) for the smoother, 0 for cells outside the solve.
/// <para>
/// Every array is padded by one plane plus one SIMD vector on each side, so the kernels read neighbours without
/// bounds checks: padding conductances are zero, which makes whatever a neighbour read finds there irrelevant.
/// The interior is rounded up to whole vectors; the operator maps the rounding tail to zero.
/// </para>
/// </summary>
internal sealed class StencilLevel
{
    /// <summary>Levels smaller than this run their kernels on one thread: fork/join would cost more than the work.</summary>
    private const int MinCellsPerChunk = 16_384;

    public StencilLevel(int nx, int ny, int nz, int maxDegreeOfParallelism)
    {
        Nx = nx;
        Ny = ny;
        Nz = nz;
        Plane = nx * ny;
        Count = Plane * nz;
        Pad = Plane + Width;
        Span = (Count + Width - 1) / Width * Width;
        Length = Pad + Span + Pad;
        Gx = new float[Length];
        Gy = new float[Length];
        Gz = new float[Length];
        Boundary = new float[Length];
        InvDiag = new float[Length];

        int threads = maxDegreeOfParallelism > 0 ? maxDegreeOfParallelism : Environment.ProcessorCount;
        int vectors = Span / Width;
        Chunks = Math.Clamp(Count / MinCellsPerChunk, 1, threads * 4);
        ChunkVectors = (vectors + Chunks - 1) / Chunks;
        Parallelism = new ParallelOptions { MaxDegreeOfParallelism = threads };
        _partialSums = new double[Chunks];
    }

    private readonly double[] _partialSums;

    public int Nx { get; }
    public int Ny { get; }
    public int Nz { get; }
    public int Plane { get; }

    /// <summary>Cells of the level (Nx·Ny·Nz).</summary>
    public int Count { get; }

    /// <summary>Cells rounded up to whole SIMD vectors: the range [Pad, Pad + Span) every kernel walks.</summary>
    public int Span { get; }

    /// <summary>Offset of cell (0, 0, 0) in every array.</summary>
    public int Pad { get; }

    public int Length { get; }
    private static int Width => Vector<float>.Count;
    public int Chunks { get; }
    private int ChunkVectors { get; }
    public ParallelOptions Parallelism { get; }

    public float[] Gx { get; }
    public float[] Gy { get; }
    public float[] Gz { get; }
    /// <summary>β: conductance from the cell to a Dirichlet reservoir (2k at inlet/outlet voxels, else 0).</summary>
    public float[] Boundary { get; }
    public float[] InvDiag { get; }

    public int Index(int x, int y, int z) => Pad + x + Nx * (y + Ny * z);

    /// <summary>The diagonal of A at array index i: β plus the six face conductances.</summary>
    public double Diagonal(int i) =>
        (double)Boundary[i] + Gx[i] + Gx[i - 1] + Gy[i] + Gy[i - Nx] + Gz[i] + Gz[i - Plane];

    /// <summary>Fills <see cref="InvDiag"/> from the conductances: 1/diagonal, or 0 where the cell has none.</summary>
    public void ComputeInverseDiagonal() =>
        Parallel.For(0, Nz, Parallelism, z =>
        {
            int start = Index(0, 0, z);
            for (int i = start; i < start + Plane; i++)
            {
                double d = Diagonal(i);
                InvDiag[i] = d > 0 ? (float)(1 / d) : 0f;
            }
        });

    public float[] NewField() => new float[Length];

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
}

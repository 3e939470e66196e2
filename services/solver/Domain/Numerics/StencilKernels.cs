using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace MesoStream.Solver.Numerics;

/// <summary>
/// The hot loops: the 7-point operator, its residual and the damped-Jacobi sweep, SIMD along x
/// (<see cref="Vector{T}"/>, 8 floats with AVX2) and split into chunks across cores by <see cref="StencilLevel"/>.
/// All are memory-bound; each streams its arrays exactly once per cell.
/// </summary>
internal static class StencilKernels
{
    /// <summary>y = A·x.</summary>
    public static void Apply(StencilLevel level, float[] x, float[] y) =>
        level.ForEachChunk((start, end) => ApplyRange(level, x, y, start, end));

    /// <summary>r = b − A·x.</summary>
    public static void Residual(StencilLevel level, float[] b, float[] x, float[] r) =>
        level.ForEachChunk((start, end) => ResidualRange(level, b, x, r, start, end));

    /// <summary>xOut = x + ω·D⁻¹·(b − A·x). Cells with D⁻¹ = 0 (outside the solve) keep x.</summary>
    public static void JacobiSweep(StencilLevel level, float[] b, float[] x, float[] xOut, float omega) =>
        level.ForEachChunk((start, end) => JacobiRange(level, b, x, xOut, omega, start, end));

    /// <summary>xOut = ω·D⁻¹·b: the first Jacobi sweep from a zero initial guess.</summary>
    public static void JacobiFromZero(StencilLevel level, float[] b, float[] xOut, float omega) =>
        level.ForEachChunk((start, end) => JacobiFromZeroRange(level, b, xOut, omega, start, end));

    // AggressiveOptimization: the loops run fully optimised from the first call instead of starting at tier 0,
    // which would otherwise distort the first solves of a process (and every benchmark's first row).
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void JacobiFromZeroRange(StencilLevel level, float[] b, float[] xOut, float omega, int start, int end)
    {
        ref float rb = ref MemoryMarshal.GetArrayDataReference(b);
        ref float rinv = ref MemoryMarshal.GetArrayDataReference(level.InvDiag);
        ref float rout = ref MemoryMarshal.GetArrayDataReference(xOut);
        var w = new Vector<float>(omega);
        for (int i = start; i < end; i += Vector<float>.Count)
        {
            (w * Load(ref rinv, i) * Load(ref rb, i)).StoreUnsafe(ref rout, (nuint)i);
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void ApplyRange(StencilLevel level, float[] x, float[] y, int start, int end)
    {
        var s = new Stencil(level, x);
        ref float ry = ref MemoryMarshal.GetArrayDataReference(y);
        for (int i = start; i < end; i += Vector<float>.Count)
        {
            s.Product(i).StoreUnsafe(ref ry, (nuint)i);
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void ResidualRange(StencilLevel level, float[] b, float[] x, float[] r, int start, int end)
    {
        var s = new Stencil(level, x);
        ref float rb = ref MemoryMarshal.GetArrayDataReference(b);
        ref float rr = ref MemoryMarshal.GetArrayDataReference(r);
        for (int i = start; i < end; i += Vector<float>.Count)
        {
            (Load(ref rb, i) - s.Product(i)).StoreUnsafe(ref rr, (nuint)i);
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void JacobiRange(StencilLevel level, float[] b, float[] x, float[] xOut, float omega, int start, int end)
    {
        var s = new Stencil(level, x);
        ref float rb = ref MemoryMarshal.GetArrayDataReference(b);
        ref float rinv = ref MemoryMarshal.GetArrayDataReference(level.InvDiag);
        ref float rout = ref MemoryMarshal.GetArrayDataReference(xOut);
        var w = new Vector<float>(omega);
        for (int i = start; i < end; i += Vector<float>.Count)
        {
            var xi = Load(ref s.X, i);
            var update = w * Load(ref rinv, i) * (Load(ref rb, i) - s.Product(i));
            (xi + update).StoreUnsafe(ref rout, (nuint)i);
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static Vector<float> Load(ref float array, int i) => Vector.LoadUnsafe(ref array, (nuint)i);

    /// <summary>Refs to one level's coefficient arrays and a field, for the 7-point product at a vector of cells.</summary>
    private ref struct Stencil
    {
        public ref float X;
        private ref float _beta;
        private ref float _gx;
        private ref float _gy;
        private ref float _gz;
        private readonly int _nx;
        private readonly int _plane;

        public Stencil(StencilLevel level, float[] x)
        {
            X = ref MemoryMarshal.GetArrayDataReference(x);
            _beta = ref MemoryMarshal.GetArrayDataReference(level.Boundary);
            _gx = ref MemoryMarshal.GetArrayDataReference(level.Gx);
            _gy = ref MemoryMarshal.GetArrayDataReference(level.Gy);
            _gz = ref MemoryMarshal.GetArrayDataReference(level.Gz);
            _nx = level.Nx;
            _plane = level.Plane;
        }

        /// <summary>(A·x) at cells i … i + Width − 1.</summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public readonly Vector<float> Product(int i)
        {
            var xi = Load(ref X, i);
            var ax = Load(ref _beta, i) * xi;
            ax += Load(ref _gx, i) * (xi - Load(ref X, i + 1));
            ax += Load(ref _gx, i - 1) * (xi - Load(ref X, i - 1));
            ax += Load(ref _gy, i) * (xi - Load(ref X, i + _nx));
            ax += Load(ref _gy, i - _nx) * (xi - Load(ref X, i - _nx));
            ax += Load(ref _gz, i) * (xi - Load(ref X, i + _plane));
            ax += Load(ref _gz, i - _plane) * (xi - Load(ref X, i - _plane));
            return ax;
        }
    }
}

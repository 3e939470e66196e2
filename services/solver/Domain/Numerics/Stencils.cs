using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using static MesoStream.Solver.Numerics.StencilKernels;

namespace MesoStream.Solver.Numerics;

/// <summary>One level's operator bound to a field x, evaluated a SIMD vector of cells at a time.</summary>
internal interface IStencil
{
    /// <summary>x at cells i … i + Width − 1.</summary>
    Vector<float> At(int i);

    /// <summary>(A·x) at cells i … i + Width − 1 (0 outside the solve).</summary>
    Vector<float> Product(int i);

    /// <summary>1/Aᵢᵢ at cells i … i + Width − 1 (0 outside the solve).</summary>
    Vector<float> InverseDiagonal(int i);
}

/// <summary>A field on a level, read at array offsets from a vector of cells.</summary>
internal readonly ref struct LevelField
{
    private readonly ref float _x;

    public LevelField(StencilLevel level, float[] x)
    {
        _x = ref MemoryMarshal.GetArrayDataReference(x);
        Row = level.RowStride;
        Plane = level.Plane;
    }

    public int Row { get; }
    public int Plane { get; }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public Vector<float> At(int i) => Load(ref _x, i);
}

/// <summary>Face-form level (<see cref="StencilLevel.WithFaceConductances"/>): reads β, gx, gy, gz and 1/d.</summary>
internal readonly ref struct FaceStencil : IStencil
{
    private readonly LevelField _x;
    private readonly ref float _beta;
    private readonly ref float _gx;
    private readonly ref float _gy;
    private readonly ref float _gz;
    private readonly ref float _inverse;

    public FaceStencil(StencilLevel level, float[] x)
    {
        _x = new LevelField(level, x);
        _beta = ref MemoryMarshal.GetArrayDataReference(level.Boundary);
        _gx = ref MemoryMarshal.GetArrayDataReference(level.Gx);
        _gy = ref MemoryMarshal.GetArrayDataReference(level.Gy);
        _gz = ref MemoryMarshal.GetArrayDataReference(level.Gz);
        _inverse = ref MemoryMarshal.GetArrayDataReference(level.InvDiag);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public Vector<float> Product(int i)
    {
        int row = _x.Row, plane = _x.Plane;
        var xi = _x.At(i);
        var ax = Load(ref _beta, i) * xi;
        ax += Load(ref _gx, i) * (xi - _x.At(i + 1));
        ax += Load(ref _gx, i - 1) * (xi - _x.At(i - 1));
        ax += Load(ref _gy, i) * (xi - _x.At(i + row));
        ax += Load(ref _gy, i - row) * (xi - _x.At(i - row));
        ax += Load(ref _gz, i) * (xi - _x.At(i + plane));
        ax += Load(ref _gz, i - plane) * (xi - _x.At(i - plane));
        return ax;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public Vector<float> InverseDiagonal(int i) => Load(ref _inverse, i);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public Vector<float> At(int i) => _x.At(i);
}

/// <summary>
/// Unit-form level (<see cref="StencilLevel.WithUnitConductances"/>): reads only the diagonal d. The product is
/// d·xᵢ − Σ x_j, masked to the cells of the solve; 1/d is computed in the register (one division per vector costs far
/// less than streaming a fifth array).
/// </summary>
internal readonly ref struct UnitStencil : IStencil
{
    private readonly LevelField _x;
    private readonly ref byte _degree;

    public UnitStencil(StencilLevel level, float[] x)
    {
        _x = new LevelField(level, x);
        _degree = ref MemoryMarshal.GetArrayDataReference(level.Degree);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public Vector<float> At(int i) => _x.At(i);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public Vector<float> Product(int i)
    {
        int row = _x.Row, plane = _x.Plane;
        var d = LoadWidened(ref _degree, i);
        var neighbours = (_x.At(i + 1) + _x.At(i - 1)) + (_x.At(i + row) + _x.At(i - row)) + (_x.At(i + plane) + _x.At(i - plane));
        var ax = d * _x.At(i) - neighbours;
        return Vector.ConditionalSelect(Vector.GreaterThan(d, Vector<float>.Zero), ax, Vector<float>.Zero);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public Vector<float> InverseDiagonal(int i)
    {
        var d = LoadWidened(ref _degree, i);
        var inside = Vector.GreaterThan(d, Vector<float>.Zero);
        return Vector.ConditionalSelect(inside, Vector<float>.One / d, Vector<float>.Zero);
    }
}

using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using MesoStream.Contracts.Structures;
using MesoStream.Solver.Transport;

namespace MesoStream.Solver.Numerics;

/// <summary>
/// The finite-volume system of one solve (DESIGN.md §3): unknowns at the centres of the percolating voxels; a face
/// between two of them conducts with the harmonic mean of their conductivities (unit for one phase), other faces not;
/// each inlet/outlet voxel couples to its reservoir (c = 1 / c = 0) through half a voxel, conductance 2k.
/// </summary>
internal sealed class TransportSystem
{
    private TransportSystem(StencilLevel level, int[] inlet, double[] inletConductance, int[] outlet, double[] outletConductance)
    {
        Level = level;
        Inlet = inlet;
        InletConductance = inletConductance;
        Outlet = outlet;
        OutletConductance = outletConductance;
    }

    public StencilLevel Level { get; }

    /// <summary>The inlet cells (array indices, ascending); b is 2k·1 there (the c = 1 reservoir) and zero elsewhere.</summary>
    public int[] Inlet { get; }

    /// <summary>2k of each inlet cell: its conductance to the reservoir and its entry of b.</summary>
    public double[] InletConductance { get; }
    private int[] Outlet { get; }
    private double[] OutletConductance { get; }

    public static TransportSystem Build(VoxelGrid grid, ConductingPhase phase, Axis axis, byte[] percolating, int maxDegreeOfParallelism, SolveWorkspace workspace)
    {
        var conductivity = phase.Conductivities.ToArray();
        var labels = grid.Labels;
        double K(int i) => percolating[i] != 0 ? conductivity[labels[i]] : 0;

        bool unit = conductivity.All(k => k is 0f or 1f);
        var level = unit
            ? StencilLevel.WithUnitConductances(grid.Nx, grid.Ny, grid.Nz, maxDegreeOfParallelism, workspace)
            : StencilLevel.WithFaceConductances(grid.Nx, grid.Ny, grid.Nz, maxDegreeOfParallelism, workspace);
        if (unit)
        {
            FillDegrees(grid, percolating, level);
        }
        else
        {
            FillFaces(grid, level, K);
        }

        int n = axis switch { Axis.X => grid.Nx, Axis.Y => grid.Ny, _ => grid.Nz };
        var (inlet, inletG) = FaceCells(grid, level, axis, 0, K);
        var (outlet, outletG) = FaceCells(grid, level, axis, n - 1, K);
        var reservoir = unit ? level.Degree : level.Boundary;
        for (int j = 0; j < inlet.Length; j++)
        {
            reservoir[inlet[j]] += (float)inletG[j];
        }

        for (int j = 0; j < outlet.Length; j++)
        {
            reservoir[outlet[j]] += (float)outletG[j];
        }

        if (!unit)
        {
            level.ComputeInverseDiagonal();
        }

        return new TransportSystem(level, inlet, inletG, outlet, outletG);
    }

    /// <summary>
    /// Unit form: dᵢ = number of percolating neighbours of each percolating voxel (reservoirs added later). The
    /// percolating mask is first spread onto the level's padded layout as 1/0 floats, so the count is then one SIMD
    /// stencil pass with no edge cases (ghost cells and padding are 0).
    /// </summary>
    private static void FillDegrees(VoxelGrid grid, byte[] percolating, StencilLevel level)
    {
        var inside = level.NewField();
        Parallel.For(0, grid.Nz, level.Parallelism, z => SpreadPlane(grid, percolating, level, inside, z));
        level.ForEachChunk((start, end) => CountNeighbours(level, inside, start, end));
        // Only needed here: the solve's next float field reuses it instead of fresh memory.
        level.ReturnField(inside);
    }

    // AggressiveOptimization: runs once per solve, too rarely for tiered compilation to optimise it in time.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void SpreadPlane(VoxelGrid grid, byte[] percolating, StencilLevel level, float[] inside, int z)
    {
        for (int y = 0; y < grid.Ny; y++)
        {
            var source = percolating.AsSpan(grid.Index(0, y, z), grid.Nx);
            var target = inside.AsSpan(level.Index(0, y, z), grid.Nx);
            for (int x = 0; x < source.Length; x++)
            {
                target[x] = source[x];
            }
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void CountNeighbours(StencilLevel level, float[] inside, int start, int end)
    {
        ref float c = ref MemoryMarshal.GetArrayDataReference(inside);
        ref float degree = ref MemoryMarshal.GetArrayDataReference(level.Degree);
        int row = level.RowStride, plane = level.Plane;
        for (int i = start; i < end; i += Vector<float>.Count)
        {
            var faces = (At(ref c, i + 1) + At(ref c, i - 1)) + (At(ref c, i + row) + At(ref c, i - row))
                + (At(ref c, i + plane) + At(ref c, i - plane));
            (At(ref c, i) * faces).StoreUnsafe(ref degree, (nuint)i);
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector<float> At(ref float field, int i) => Vector.LoadUnsafe(ref field, (nuint)i);

    /// <summary>Face form: harmonic-mean conductance of every face between two conducting voxels.</summary>
    private static void FillFaces(VoxelGrid grid, StencilLevel level, Func<int, double> k)
    {
        int nx = grid.Nx, ny = grid.Ny, nz = grid.Nz;
        Parallel.For(0, nz, level.Parallelism, z =>
        {
            for (int y = 0; y < ny; y++)
            {
                for (int x = 0; x < nx; x++)
                {
                    int i = grid.Index(x, y, z);
                    double ki = k(i);
                    if (ki == 0)
                    {
                        continue;
                    }

                    int p = level.Index(x, y, z);
                    if (x + 1 < nx) level.Gx[p] = Face(ki, k(i + 1));
                    if (y + 1 < ny) level.Gy[p] = Face(ki, k(i + nx));
                    if (z + 1 < nz) level.Gz[p] = Face(ki, k(i + nx * ny));
                }
            }
        });
    }

    /// <summary>Flux into the medium at the inlet, Σ 2k·(1 − c), and out at the outlet, Σ 2k·c.</summary>
    public (double Inlet, double Outlet) Fluxes(double[] c)
    {
        double inlet = 0, outlet = 0;
        for (int j = 0; j < Inlet.Length; j++)
        {
            inlet += InletConductance[j] * (1 - c[Inlet[j]]);
        }

        for (int j = 0; j < Outlet.Length; j++)
        {
            outlet += OutletConductance[j] * c[Outlet[j]];
        }

        return (inlet, outlet);
    }

    private static float Face(double ki, double kj) => kj == 0 ? 0f : (float)(2 * ki * kj / (ki + kj));

    private static (int[] Cells, double[] Conductance) FaceCells(VoxelGrid grid, StencilLevel level, Axis axis, int layer, Func<int, double> k)
    {
        var cells = new List<int>();
        var conductance = new List<double>();
        var (na, nb) = axis switch { Axis.X => (grid.Ny, grid.Nz), Axis.Y => (grid.Nx, grid.Nz), _ => (grid.Nx, grid.Ny) };
        for (int b = 0; b < nb; b++)
        {
            for (int a = 0; a < na; a++)
            {
                var (x, y, z) = axis switch { Axis.X => (layer, a, b), Axis.Y => (a, layer, b), _ => (a, b, layer) };
                double ki = k(grid.Index(x, y, z));
                if (ki > 0)
                {
                    cells.Add(level.Index(x, y, z));
                    conductance.Add(2 * ki);
                }
            }
        }

        return ([.. cells], [.. conductance]);
    }
}

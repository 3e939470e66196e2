using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using MesoStream.Contracts.Structures;
using MesoStream.Solver.Transport;

namespace MesoStream.Solver.Numerics;

/// <summary>
/// The finite-volume system of one solve (docs/science.md, "Finite-volume system"): unknowns at the centres of the percolating voxels; a face
/// between two of them conducts with the harmonic mean of their conductivities (unit for one phase), other faces not;
/// each inlet/outlet voxel couples to its reservoir (c = 1 / c = 0) through half a voxel, conductance 2k.
/// </summary>
internal sealed class TransportSystem
{
    private TransportSystem(StencilLevel level, long activeCells, int[] inlet, double[] inletConductance, int[] outlet, double[] outletConductance)
    {
        Level = level;
        ActiveCells = activeCells;
        Inlet = inlet;
        InletConductance = inletConductance;
        Outlet = outlet;
        OutletConductance = outletConductance;
    }

    public StencilLevel Level { get; }

    /// <summary>The percolating voxels, the unknowns of the system; 0 when none percolates (the system is then empty).</summary>
    public long ActiveCells { get; }

    /// <summary>The inlet cells (array indices, ascending); b is 2k·1 there (the c = 1 reservoir) and zero elsewhere.</summary>
    public int[] Inlet { get; }

    /// <summary>2k of each inlet cell: its conductance to the reservoir and its entry of b.</summary>
    public double[] InletConductance { get; }
    private int[] Outlet { get; }
    private double[] OutletConductance { get; }

    /// <summary>
    /// The system of the voxels of <paramref name="components"/> that percolate along <paramref name="axis"/>. A unit-form
    /// level gets them marked straight into its byte diagonal (no separate mask: 1 byte per voxel less); a face-form
    /// one through a dense mask from the workspace.
    /// </summary>
    public static TransportSystem Build(VoxelGrid grid, ConductingPhase phase, Axis axis, ConnectedComponents components, int maxDegreeOfParallelism, SolveWorkspace workspace)
    {
        var conductivity = phase.Conductivities.ToArray();
        var labels = grid.Labels;
        bool unit = conductivity.All(k => k is 0f or 1f);
        StencilLevel level;
        long active;
        Func<int, double> k;
        if (unit)
        {
            level = StencilLevel.WithUnitConductances(grid.Nx, grid.Ny, grid.Nz, maxDegreeOfParallelism, workspace);
            active = components.MarkPercolating(axis, level.Degree, new MaskLayout(level.Pad, level.RowStride, level.Plane, InsideBit));
            CountNeighbours(level);
            // Read while the inside bit is set: a percolating voxel without percolating neighbours has d = 0 until its reservoirs are added.
            k = i => (level.Degree[LevelIndex(grid, level, i)] & InsideBit) != 0 ? conductivity[labels[i]] : 0;
        }
        else
        {
            level = StencilLevel.WithFaceConductances(grid.Nx, grid.Ny, grid.Nz, maxDegreeOfParallelism, workspace);
            var percolating = workspace.Rent<byte>(labels.Length);
            active = components.MarkPercolating(axis, percolating, MaskLayout.Dense(grid.Nx, grid.Ny));
            k = i => percolating[i] != 0 ? conductivity[labels[i]] : 0;
            FillFaces(grid, level, k);
        }

        int n = axis switch { Axis.X => grid.Nx, Axis.Y => grid.Ny, _ => grid.Nz };
        var (inlet, inletG) = FaceCells(grid, level, axis, 0, k);
        var (outlet, outletG) = FaceCells(grid, level, axis, n - 1, k);
        if (unit)
        {
            level.ForEachChunk((start, end) => ClearInsideBit(level.Degree.AsSpan(start, end - start)));
        }

        AddReservoirs(level, inlet, inletG);
        AddReservoirs(level, outlet, outletG);

        if (!unit)
        {
            level.ComputeInverseDiagonal();
        }

        return new TransportSystem(level, active, inlet, inletG, outlet, outletG);
    }

    /// <summary>β = 2k of each reservoir cell onto its diagonal (unit form: the byte d, k = 1) or its β (face form).</summary>
    private static void AddReservoirs(StencilLevel level, int[] cells, double[] conductance)
    {
        for (int j = 0; j < cells.Length; j++)
        {
            if (level.HasUnitConductances)
            {
                level.Degree[cells[j]] += (byte)conductance[j];
            }
            else
            {
                level.Boundary[cells[j]] += (float)conductance[j];
            }
        }
    }

    /// <summary>Marks a cell inside the solve while its degree is counted (bit 7 of the byte; counts stay below 16).</summary>
    private const byte InsideBit = 0x80;

    /// <summary>The level's array index of grid index i.</summary>
    private static int LevelIndex(VoxelGrid grid, StencilLevel level, int i) =>
        level.Index(i % grid.Nx, i / grid.Nx % grid.Ny, i / (grid.Nx * grid.Ny));

    /// <summary>
    /// Unit form: dᵢ = number of percolating neighbours of each percolating voxel (reservoirs added later), in place
    /// in the byte diagonal, whose bit 7 marks the percolating voxels: one SIMD stencil pass counts the neighbours'
    /// bit 7 and keeps it (so chunks may run in any order); it is cleared once the face cells are found. No edge
    /// cases: ghost cells and padding are 0.
    /// </summary>
    private static void CountNeighbours(StencilLevel level) => level.ForEachChunk((start, end) => CountNeighbours(level, start, end));

    // AggressiveOptimization: runs once per solve, too rarely for tiered compilation to optimise it in time.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void CountNeighbours(StencilLevel level, int start, int end)
    {
        ref byte d = ref MemoryMarshal.GetArrayDataReference(level.Degree);
        int row = level.RowStride, plane = level.Plane;
        var bit = new Vector<byte>(InsideBit);
        int i = start;
        for (; i <= end - Vector<byte>.Count; i += Vector<byte>.Count)
        {
            var faces = (Flag(ref d, i + 1) + Flag(ref d, i - 1)) + (Flag(ref d, i + row) + Flag(ref d, i - row))
                + (Flag(ref d, i + plane) + Flag(ref d, i - plane));
            var inside = Vector.Equals(Vector.LoadUnsafe(ref d, (nuint)i) & bit, bit);
            Vector.ConditionalSelect(inside, bit | faces, Vector<byte>.Zero).StoreUnsafe(ref d, (nuint)i);
        }

        for (; i < end; i++)
        {
            if ((Unsafe.Add(ref d, i) & InsideBit) != 0)
            {
                int faces = (Unsafe.Add(ref d, i + 1) >> 7) + (Unsafe.Add(ref d, i - 1) >> 7) + (Unsafe.Add(ref d, i + row) >> 7)
                    + (Unsafe.Add(ref d, i - row) >> 7) + (Unsafe.Add(ref d, i + plane) >> 7) + (Unsafe.Add(ref d, i - plane) >> 7);
                Unsafe.Add(ref d, i) = (byte)(InsideBit | faces);
            }
        }
    }

    /// <summary>1 in each lane whose cell has the inside bit.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector<byte> Flag(ref byte d, int i) => Vector.ShiftRightLogical(Vector.LoadUnsafe(ref d, (nuint)i), 7);

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void ClearInsideBit(Span<byte> degrees)
    {
        var keep = new Vector<byte>(unchecked((byte)~InsideBit));
        int i = 0;
        for (; i <= degrees.Length - Vector<byte>.Count; i += Vector<byte>.Count)
        {
            (new Vector<byte>(degrees[i..]) & keep).CopyTo(degrees[i..]);
        }

        for (; i < degrees.Length; i++)
        {
            degrees[i] &= unchecked((byte)~InsideBit);
        }
    }

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

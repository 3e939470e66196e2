using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace MesoStream.Solver.Transport;

/// <summary>
/// The 6-connected components of a conducting mask, labelled once so that the percolating set of every axis follows
/// from one pass: a voxel percolates along an axis exactly when its component touches both faces normal to it
/// (connectivity is an equivalence relation). The three directions of one phase share the labelling.
/// <para>
/// Labels belong to runs, the maximal x-intervals of conducting voxels in a row, not to voxels: two runs are joined
/// when they overlap in x in adjacent rows of a plane or in the same row of adjacent planes (run-based union–find,
/// e.g. He, Chao &amp; Suzuki 2008). A structure has several times fewer runs than voxels, the rows are found with
/// vectorised searches, and nothing is stored per voxel.
/// </para>
/// </summary>
internal sealed class ConnectedComponents
{
    private readonly int _nx;
    private readonly int _ny;
    private readonly int _nz;

    /// <summary>The first run of row y + Ny·z, and one past the last run at the end.</summary>
    private readonly int[] _rowRuns;

    /// <summary>x of each run's first voxel.</summary>
    private readonly int[] _starts;

    /// <summary>x one past each run's last voxel.</summary>
    private readonly int[] _ends;

    /// <summary>Each run's component, 0 … count − 1.</summary>
    private readonly int[] _component;

    private readonly int _count;

    private ConnectedComponents(int nx, int ny, int nz, int[] rowRuns, int[] starts, int[] ends, int[] component, int count)
    {
        (_nx, _ny, _nz) = (nx, ny, nz);
        (_rowRuns, _starts, _ends, _component, _count) = (rowRuns, starts, ends, component, count);
    }

    /// <summary>Labels the components of <paramref name="conducting"/> (non-zero = conducting, x fastest).</summary>
    // AggressiveOptimization here and below: each runs once per phase, too rarely for tiered compilation to optimise it in time.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static ConnectedComponents Label(ReadOnlySpan<byte> conducting, int nx, int ny, int nz)
    {
        int rows = ny * nz;
        var rowRuns = new int[rows + 1];
        var starts = new List<int>();
        var ends = new List<int>();
        for (int r = 0; r < rows; r++)
        {
            rowRuns[r] = starts.Count;
            var row = conducting.Slice(nx * r, nx);
            for (int x = 0; x < nx;)
            {
                int gap = row[x..].IndexOfAnyExcept((byte)0);
                if (gap < 0)
                {
                    break;
                }

                x += gap;
                int length = row[x..].IndexOf((byte)0);
                int end = length < 0 ? nx : x + length;
                starts.Add(x);
                ends.Add(end);
                x = end;
            }
        }

        rowRuns[rows] = starts.Count;
        var startArray = starts.ToArray();
        var endArray = ends.ToArray();
        var parent = new int[startArray.Length];
        for (int k = 0; k < parent.Length; k++)
        {
            parent[k] = k;
        }

        for (int r = 0; r < rows; r++)
        {
            if (r % ny > 0)
            {
                JoinOverlapping(rowRuns, startArray, endArray, parent, r, r - 1);
            }

            if (r >= ny)
            {
                JoinOverlapping(rowRuns, startArray, endArray, parent, r, r - ny);
            }
        }

        // Every root is the smallest run of its set, so a run's root has its component before the run is reached.
        var component = new int[parent.Length];
        int count = 0;
        for (int k = 0; k < parent.Length; k++)
        {
            int root = Find(parent, k);
            component[k] = root == k ? count++ : component[root];
        }

        return new ConnectedComponents(nx, ny, nz, rowRuns, startArray, endArray, component, count);
    }

    /// <summary>
    /// Marks with <see cref="MaskLayout.Value"/> the voxels whose component touches both faces normal to
    /// <paramref name="axis"/>, and 0 the other voxels, in <paramref name="target"/> laid out as
    /// <paramref name="layout"/> says (cells outside the grid rows are not written); returns how many there are.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public long MarkPercolating(Axis axis, byte[] target, MaskLayout layout)
    {
        var touches = new byte[_count];
        int rows = _ny * _nz;
        for (int r = 0; r < rows; r++)
        {
            int y = r % _ny, z = r / _ny;
            for (int k = _rowRuns[r]; k < _rowRuns[r + 1]; k++)
            {
                var (inlet, outlet) = axis switch
                {
                    Axis.X => (_starts[k] == 0, _ends[k] == _nx),
                    Axis.Y => (y == 0, y == _ny - 1),
                    _ => (z == 0, z == _nz - 1),
                };
                touches[_component[k]] |= (byte)((inlet ? 1 : 0) | (outlet ? 2 : 0));
            }
        }

        // Filled plane by plane on every core: at 500³ this pass is the larger part of an axis's setup.
        long count = 0;
        Parallel.For(0, _nz, () => 0L, (z, _, sum) => sum + MarkPlane(target, layout, touches, z), sum => Interlocked.Add(ref count, sum));
        return count;
    }

    /// <summary>Writes plane z of the mask; returns how many voxels it marked.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private long MarkPlane(byte[] target, MaskLayout layout, byte[] touches, int z)
    {
        long count = 0;
        for (int y = 0; y < _ny; y++)
        {
            int r = y + _ny * z;
            var row = target.AsSpan(layout.Offset + layout.RowStride * y + layout.PlaneStride * z, _nx);
            row.Clear();
            for (int k = _rowRuns[r]; k < _rowRuns[r + 1]; k++)
            {
                if (touches[_component[k]] == 3)
                {
                    int length = _ends[k] - _starts[k];
                    row.Slice(_starts[k], length).Fill(layout.Value);
                    count += length;
                }
            }
        }

        return count;
    }

    /// <summary>Joins every run of row <paramref name="row"/> with the runs of row <paramref name="other"/> it overlaps in x.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void JoinOverlapping(int[] rowRuns, int[] starts, int[] ends, int[] parent, int row, int other)
    {
        int a = rowRuns[row], aEnd = rowRuns[row + 1];
        int b = rowRuns[other], bEnd = rowRuns[other + 1];
        while (a < aEnd && b < bEnd)
        {
            if (starts[a] < ends[b] && starts[b] < ends[a])
            {
                Union(parent, a, b);
            }

            // Advance whichever run ends first: it cannot overlap anything further along the other row.
            if (ends[a] < ends[b])
            {
                a++;
            }
            else
            {
                b++;
            }
        }
    }

    /// <summary>Union by smallest index, so a set's root is its first run in scan order.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Union(int[] parent, int a, int b)
    {
        int ra = Find(parent, a), rb = Find(parent, b);
        if (ra < rb)
        {
            parent[rb] = ra;
        }
        else if (rb < ra)
        {
            parent[ra] = rb;
        }
    }

    /// <summary>The root of k's set, halving the path on the way.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static int Find(int[] parent, int k)
    {
        while (parent[k] != k)
        {
            parent[k] = parent[parent[k]];
            k = parent[k];
        }

        return k;
    }
}

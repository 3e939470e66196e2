using System.Runtime.CompilerServices;

namespace MesoStream.Solver.Transport;

/// <summary>
/// The 6-connected components of a conducting mask, labelled once so that the percolating set of every axis follows
/// from one pass: a voxel percolates along an axis exactly when its component touches both faces normal to it
/// (connectivity is an equivalence relation). The three directions of one phase share the labelling.
/// <para>
/// Labels live on a copy of the mask with a one-voxel non-conducting border, so a neighbour is one array offset away
/// and needs no coordinate arithmetic or bounds test.
/// </para>
/// </summary>
internal sealed class ConnectedComponents(int nx, int ny, int nz, int[] labels, int count)
{
    private int Row => nx + 2;
    private int Plane => Row * (ny + 2);

    /// <summary>Labels the components of <paramref name="conducting"/> (non-zero = conducting, x fastest).</summary>
    // AggressiveOptimization: runs once per phase, too rarely for tiered compilation to optimise it in time.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static ConnectedComponents Label(ReadOnlySpan<byte> conducting, int sizeX, int sizeY, int sizeZ)
    {
        int row = sizeX + 2, plane = row * (sizeY + 2);
        var mask = new byte[plane * (sizeZ + 2)];
        for (int z = 0; z < sizeZ; z++)
        {
            for (int y = 0; y < sizeY; y++)
            {
                conducting.Slice(sizeX * (y + sizeY * z), sizeX).CopyTo(mask.AsSpan(1 + row * (y + 1) + plane * (z + 1), sizeX));
            }
        }

        var componentOf = new int[mask.Length];
        var seeds = new List<int>();
        int components = 0;
        for (int i = 0; i < mask.Length; i++)
        {
            if (mask[i] != 0 && componentOf[i] == 0)
            {
                seeds.Add(i);
                Flood(mask, componentOf, ++components, row, plane, seeds);
            }
        }

        return new ConnectedComponents(sizeX, sizeY, sizeZ, componentOf, components);
    }

    /// <summary>
    /// Marks with 1 the voxels (unpadded, x fastest) whose component touches both faces normal to
    /// <paramref name="axis"/>; returns how many there are.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public long MarkPercolating(Axis axis, Span<byte> percolating)
    {
        var touches = new byte[count + 1];
        MarkFace(axis, inlet: true, touches, 1);
        MarkFace(axis, inlet: false, touches, 2);
        for (int label = 0; label < touches.Length; label++)
        {
            touches[label] = touches[label] == 3 ? (byte)1 : (byte)0;
        }

        touches[0] = 0; // label 0: the voxels outside the phase

        long percolatingCount = 0;
        for (int z = 0; z < nz; z++)
        {
            for (int y = 0; y < ny; y++)
            {
                int source = Index(0, y, z);
                int target = nx * (y + ny * z);
                for (int x = 0; x < nx; x++)
                {
                    byte both = touches[labels[source + x]];
                    percolating[target + x] = both;
                    percolatingCount += both;
                }
            }
        }

        return percolatingCount;
    }

    private int Index(int x, int y, int z) => x + 1 + Row * (y + 1) + Plane * (z + 1);

    /// <summary>ORs <paramref name="bit"/> into the entry of every component met on the inlet or outlet face.</summary>
    private void MarkFace(Axis axis, bool inlet, byte[] touches, byte bit)
    {
        int n = axis switch { Axis.X => nx, Axis.Y => ny, _ => nz };
        int layer = inlet ? 0 : n - 1;
        var (na, nb) = axis switch { Axis.X => (ny, nz), Axis.Y => (nx, nz), _ => (nx, ny) };
        for (int b = 0; b < nb; b++)
        {
            for (int a = 0; a < na; a++)
            {
                int i = axis switch { Axis.X => Index(layer, a, b), Axis.Y => Index(a, layer, b), _ => Index(a, b, layer) };
                touches[labels[i]] |= bit;
            }
        }
    }

    /// <summary>
    /// Scanline flood fill (Smith 1979, "Tint fill"): a popped seed grows to the whole unlabelled run of conducting
    /// voxels along x, which is labelled at once; the four rows beside the run (±y, ±z) are then scanned left to
    /// right and every unlabelled run met there is pushed as one seed. Memory is walked along rows, not voxel by
    /// voxel, and the explicit stack has no recursion depth limit.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Flood(byte[] mask, int[] componentOf, int label, int row, int plane, List<int> seeds)
    {
        ReadOnlySpan<int> besides = [-row, row, -plane, plane];
        while (seeds.Count > 0)
        {
            int i = seeds[^1];
            seeds.RemoveAt(seeds.Count - 1);
            if (!Open(i, mask, componentOf))
            {
                continue;
            }

            // The border around the mask is non-conducting, so every run ends inside the array.
            int left = i, right = i;
            while (Open(left - 1, mask, componentOf))
            {
                left--;
            }

            while (Open(right + 1, mask, componentOf))
            {
                right++;
            }

            componentOf.AsSpan(left, right - left + 1).Fill(label);
            foreach (int offset in besides)
            {
                bool inRun = false;
                for (int j = left + offset; j <= right + offset; j++)
                {
                    bool open = Open(j, mask, componentOf);
                    if (open && !inRun)
                    {
                        seeds.Add(j);
                    }

                    inRun = open;
                }
            }
        }
    }

    private static bool Open(int i, byte[] mask, int[] componentOf) => mask[i] != 0 && componentOf[i] == 0;
}

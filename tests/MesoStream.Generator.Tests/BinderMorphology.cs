using MesoStream.Contracts.Structures;

namespace MesoStream.Generator.Tests;

/// <summary>Binder shape measures for the ω tests: contacts with AM, and 6-connected binder clusters.</summary>
internal sealed record BinderMorphology(long BinderVoxels, long AmContactFaces, long VoxelsTouchingAm, int Clusters)
{
    public double ContactFacesPerVoxel => (double)AmContactFaces / BinderVoxels;

    public double FractionTouchingAm => (double)VoxelsTouchingAm / BinderVoxels;

    public double MeanClusterSize => (double)BinderVoxels / Clusters;

    public static BinderMorphology Measure(VoxelGrid grid)
    {
        var labels = grid.Labels;
        var visited = new bool[labels.Length];
        long binder = 0, faces = 0, touching = 0;
        var clusters = 0;
        var stack = new Stack<int>();
        for (var v = 0; v < labels.Length; v++)
        {
            if (labels[v] != VoxelLabels.Binder)
            {
                continue;
            }

            binder++;
            var amFaces = 0;
            foreach (var n in Neighbours(grid, v))
            {
                if (labels[n] == VoxelLabels.ActiveMaterial)
                {
                    amFaces++;
                }
            }

            faces += amFaces;
            touching += amFaces > 0 ? 1 : 0;
            if (visited[v])
            {
                continue;
            }

            clusters++;
            visited[v] = true;
            stack.Push(v);
            while (stack.Count > 0)
            {
                foreach (var n in Neighbours(grid, stack.Pop()))
                {
                    if (labels[n] == VoxelLabels.Binder && !visited[n])
                    {
                        visited[n] = true;
                        stack.Push(n);
                    }
                }
            }
        }

        return new BinderMorphology(binder, faces, touching, clusters);
    }

    private static IEnumerable<int> Neighbours(VoxelGrid grid, int v)
    {
        var x = v % grid.Nx;
        var y = v / grid.Nx % grid.Ny;
        var z = v / (grid.Nx * grid.Ny);
        if (x > 0) yield return v - 1;
        if (x < grid.Nx - 1) yield return v + 1;
        if (y > 0) yield return v - grid.Nx;
        if (y < grid.Ny - 1) yield return v + grid.Nx;
        if (z > 0) yield return v - grid.Nx * grid.Ny;
        if (z < grid.Nz - 1) yield return v + grid.Nx * grid.Ny;
    }
}

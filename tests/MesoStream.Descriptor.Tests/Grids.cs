using MesoStream.Contracts.Structures;

namespace MesoStream.Descriptor.Tests;

/// <summary>Small hand-made grids and the brute-force references the fast algorithms must match exactly.</summary>
internal static class Grids
{
    public static VoxelGrid Build(int nx, int ny, int nz, Func<int, int, int, byte> label, double voxelUm = 1.0)
    {
        var labels = new byte[nx * ny * nz];
        for (int z = 0; z < nz; z++)
        {
            for (int y = 0; y < ny; y++)
            {
                for (int x = 0; x < nx; x++)
                {
                    labels[x + nx * (y + ny * z)] = label(x, y, z);
                }
            }
        }

        return new VoxelGrid(nx, ny, nz, voxelUm, labels);
    }

    public static VoxelGrid Random(int n, double solidFraction, int seed)
    {
        var random = new Random(seed);
        return Build(n, n, n, (_, _, _) => random.NextDouble() < solidFraction ? VoxelLabels.ActiveMaterial : VoxelLabels.Pore);
    }

    /// <summary>Random overlapping solid spheres: pores with realistic, varied sizes.</summary>
    public static VoxelGrid RandomSpheres(int n, int count, double maxRadius, int seed)
    {
        var random = new Random(seed);
        var spheres = Enumerable.Range(0, count)
            .Select(_ => (X: random.NextDouble() * n, Y: random.NextDouble() * n, Z: random.NextDouble() * n, R: 1 + random.NextDouble() * (maxRadius - 1)))
            .ToArray();
        return Build(n, n, n, (x, y, z) => spheres.Any(s =>
            Sq(x + 0.5 - s.X) + Sq(y + 0.5 - s.Y) + Sq(z + 0.5 - s.Z) <= s.R * s.R) ? VoxelLabels.ActiveMaterial : VoxelLabels.Pore);
    }

    public static double Sq(double v) => v * v;

    public static (int X, int Y, int Z) Coordinates(VoxelGrid g, int i) => (i % g.Nx, i / g.Nx % g.Ny, i / (g.Nx * g.Ny));

    /// <summary>Squared distance from every voxel centre to the nearest solid voxel centre, by trying every pair.</summary>
    public static int[] BruteForceSquaredDistance(VoxelGrid g)
    {
        var solid = Enumerable.Range(0, g.Labels.Length).Where(i => g.Labels[i] != VoxelLabels.Pore).Select(i => Coordinates(g, i)).ToArray();
        var d2 = new int[g.Labels.Length];
        for (int i = 0; i < d2.Length; i++)
        {
            var (x, y, z) = Coordinates(g, i);
            d2[i] = g.Labels[i] != VoxelLabels.Pore
                ? 0
                : solid.Min(s => (x - s.X) * (x - s.X) + (y - s.Y) * (y - s.Y) + (z - s.Z) * (z - s.Z));
        }

        return d2;
    }

    /// <summary>
    /// Local thickness by its definition: for every pore voxel p, the largest D(c) over every pore centre c whose ball
    /// |q − c|² &lt; D(c) contains p.
    /// </summary>
    public static int[] BruteForceSquaredThickness(VoxelGrid g)
    {
        var d2 = BruteForceSquaredDistance(g);
        var centres = Enumerable.Range(0, d2.Length).Where(i => d2[i] > 0).Select(i => (C: Coordinates(g, i), D: d2[i])).ToArray();
        var thickness = new int[d2.Length];
        Parallel.For(0, d2.Length, i =>
        {
            if (d2[i] == 0)
            {
                return;
            }

            var (x, y, z) = Coordinates(g, i);
            int best = 0;
            foreach (var (c, d) in centres)
            {
                int dist = (x - c.X) * (x - c.X) + (y - c.Y) * (y - c.Y) + (z - c.Z) * (z - c.Z);
                if (dist < d && d > best)
                {
                    best = d;
                }
            }

            thickness[i] = best;
        });
        return thickness;
    }
}

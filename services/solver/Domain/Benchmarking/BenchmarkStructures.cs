using MesoStream.Contracts.Structures;

namespace MesoStream.Solver.Benchmarking;

/// <summary>
/// Deterministic sphere packs for the solver's benchmarks and tests, so the solver domain stays independent of the
/// generator's (a service domain references no other): overlapping active-material spheres placed uniformly at random (a Boolean model) until the pore fraction falls to the target,
/// optionally followed by small binder spheres that only fill pore space.
/// </summary>
public static class BenchmarkStructures
{
    /// <param name="size">Edge of the cubic grid in voxels.</param>
    /// <param name="porosity">Target pore fraction (reached to within one sphere's volume).</param>
    /// <param name="radius">Active-material sphere radius in voxels.</param>
    /// <param name="seed">Seed of the placement; equal arguments give equal grids.</param>
    /// <param name="binderFraction">Binder volume fraction taken out of the pore space (0 for none).</param>
    public static VoxelGrid SpherePack(int size, double porosity, double radius, int seed, double binderFraction = 0, double voxelUm = 1.0)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(size, 1);
        if (porosity is <= 0 or > 1 || binderFraction < 0 || binderFraction >= porosity)
        {
            throw new ArgumentOutOfRangeException(nameof(porosity), "need 0 < binder fraction + … < porosity ≤ 1");
        }

        var labels = new byte[(long)size * size * size];
        var random = new Random(seed);
        long total = labels.LongLength;
        long amTarget = (long)Math.Round((1 - porosity - binderFraction) * total);
        long am = 0;
        while (am < amTarget)
        {
            am += Paint(labels, size, Centre(random, size), radius, VoxelLabels.ActiveMaterial);
        }

        long binderTarget = (long)Math.Round(binderFraction * total);
        long binder = 0;
        while (binder < binderTarget)
        {
            binder += Paint(labels, size, Centre(random, size), Math.Max(1.5, radius / 4), VoxelLabels.Binder);
        }

        return new VoxelGrid(size, size, size, voxelUm, labels);
    }

    /// <summary>A single sphere of active material centred in a cubic grid (voxel centres within the radius).</summary>
    public static VoxelGrid Sphere(int size, double radius, double voxelUm = 1.0)
    {
        var labels = new byte[(long)size * size * size];
        double c = size / 2.0;
        Paint(labels, size, (c, c, c), radius, VoxelLabels.ActiveMaterial);
        return new VoxelGrid(size, size, size, voxelUm, labels);
    }

    private static (double X, double Y, double Z) Centre(Random random, int size) =>
        (random.NextDouble() * size, random.NextDouble() * size, random.NextDouble() * size);

    /// <summary>Labels pore voxels whose centre lies within the ball; returns how many changed.</summary>
    private static long Paint(byte[] labels, int size, (double X, double Y, double Z) centre, double radius, byte label)
    {
        long painted = 0;
        double r2 = radius * radius;
        int x0 = Math.Max(0, (int)Math.Floor(centre.X - radius)), x1 = Math.Min(size - 1, (int)Math.Ceiling(centre.X + radius));
        int y0 = Math.Max(0, (int)Math.Floor(centre.Y - radius)), y1 = Math.Min(size - 1, (int)Math.Ceiling(centre.Y + radius));
        int z0 = Math.Max(0, (int)Math.Floor(centre.Z - radius)), z1 = Math.Min(size - 1, (int)Math.Ceiling(centre.Z + radius));
        for (int z = z0; z <= z1; z++)
        {
            for (int y = y0; y <= y1; y++)
            {
                for (int x = x0; x <= x1; x++)
                {
                    double dx = x + 0.5 - centre.X, dy = y + 0.5 - centre.Y, dz = z + 0.5 - centre.Z;
                    long i = x + (long)size * (y + (long)size * z);
                    if (dx * dx + dy * dy + dz * dz <= r2 && labels[i] == VoxelLabels.Pore)
                    {
                        labels[i] = label;
                        painted++;
                    }
                }
            }
        }

        return painted;
    }
}

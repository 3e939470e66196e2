using MesoStream.Contracts.Structures;

namespace MesoStream.Descriptor.Shapes;

/// <summary>
/// D4, the overlap factor γ (paper Eq. 1, generalised to many particles): the fraction of active-material volume
/// covered by two or more particles. Counted exactly on the voxels: an AM voxel is covered by a particle when its
/// centre ((i + ½)h, …) satisfies the particle's quadratic form ≤ 1 (the generator's voxelization rule).
/// </summary>
public static class OverlapFactor
{
    public static double Calculate(VoxelGrid grid, IReadOnlyList<Particle> particles)
    {
        ArgumentNullException.ThrowIfNull(grid);
        ArgumentNullException.ThrowIfNull(particles);
        int nx = grid.Nx, ny = grid.Ny, nz = grid.Nz;
        double h = grid.VoxelUm;
        var boxes = particles.Select(p => VoxelBox.Of(p, h, nx, ny, nz)).ToArray();
        var labels = grid.Labels;
        long amVoxels = 0, overlapped = 0;
        var gate = new object();

        Parallel.For(0, nz, () => (Am: 0L, Overlap: 0L, Cover: new byte[nx * ny]), (z, _, local) =>
        {
            var cover = local.Cover;
            Array.Clear(cover);
            double pz = (z + 0.5) * h;
            for (int n = 0; n < particles.Count; n++)
            {
                var box = boxes[n];
                if (z < box.Z0 || z > box.Z1)
                {
                    continue;
                }

                var p = particles[n];
                var (wx, wy, wz) = p.W;
                double dz = pz - p.Cz;
                for (int y = box.Y0; y <= box.Y1; y++)
                {
                    double dy = (y + 0.5) * h - p.Cy;
                    int row = nx * (y + ny * z);
                    for (int x = box.X0; x <= box.X1; x++)
                    {
                        if (labels[row + x] != VoxelLabels.ActiveMaterial || cover[x + nx * y] >= 2)
                        {
                            continue;
                        }

                        double dx = (x + 0.5) * h - p.Cx;
                        double u = (dx * p.Ux + dy * p.Uy + dz * p.Uz) / p.A;
                        double v = (dx * p.Vx + dy * p.Vy + dz * p.Vz) / p.B;
                        double w = (dx * wx + dy * wy + dz * wz) / p.C;
                        if (u * u + v * v + w * w <= 1.0)
                        {
                            cover[x + nx * y]++;
                        }
                    }
                }
            }

            var plane = labels.AsSpan(nx * ny * z, nx * ny);
            for (int i = 0; i < plane.Length; i++)
            {
                if (plane[i] == VoxelLabels.ActiveMaterial)
                {
                    local.Am++;
                    if (cover[i] >= 2)
                    {
                        local.Overlap++;
                    }
                }
            }

            return local;
        }, local =>
        {
            lock (gate)
            {
                amVoxels += local.Am;
                overlapped += local.Overlap;
            }
        });

        if (amVoxels == 0)
        {
            throw new InvalidOperationException("the grid holds no active-material voxels: the overlap factor is undefined");
        }

        return (double)overlapped / amVoxels;
    }

    /// <summary>Inclusive voxel-index bounding box of a particle, clipped to the grid.</summary>
    private readonly record struct VoxelBox(int X0, int X1, int Y0, int Y1, int Z0, int Z1)
    {
        public static VoxelBox Of(Particle p, double h, int nx, int ny, int nz)
        {
            var (wx, wy, wz) = p.W;
            // Half-extent of an ellipsoid along a world axis e: √Σ (semi-axis · axis-direction·e)².
            double ex = Math.Sqrt(Sq(p.A * p.Ux) + Sq(p.B * p.Vx) + Sq(p.C * wx));
            double ey = Math.Sqrt(Sq(p.A * p.Uy) + Sq(p.B * p.Vy) + Sq(p.C * wy));
            double ez = Math.Sqrt(Sq(p.A * p.Uz) + Sq(p.B * p.Vz) + Sq(p.C * wz));
            return new VoxelBox(
                Lo(p.Cx - ex, h), Hi(p.Cx + ex, h, nx),
                Lo(p.Cy - ey, h), Hi(p.Cy + ey, h, ny),
                Lo(p.Cz - ez, h), Hi(p.Cz + ez, h, nz));
        }

        private static double Sq(double v) => v * v;

        // Voxel i's centre (i + ½)h lies in [lo, hi] for i in [⌈lo/h − ½⌉, ⌊hi/h − ½⌋]; widened by one for rounding.
        private static int Lo(double lo, double h) => (int)Math.Max(0, Math.Floor(lo / h - 0.5));

        private static int Hi(double hi, double h, int n) => (int)Math.Min(n - 1, Math.Ceiling(hi / h - 0.5));
    }
}

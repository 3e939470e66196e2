using MesoStream.Contracts.Structures;

namespace MesoStream.Generator.Packing;

/// <summary>
/// Exact voxelization: a voxel belongs to a particle iff its centre ((i + ½)h, (j + ½)h, (k + ½)h) satisfies the
/// particle's quadratic form (<see cref="EllipsoidShape"/>). Every voxel of the bounding box, widened by one voxel so
/// that rounding in the box can never drop a boundary voxel, is tested; voxels outside the domain are clipped.
/// </summary>
public static class EllipsoidVoxelizer
{
    /// <summary>Appends the linear indices (x fastest) of the particle's voxels to <paramref name="into"/>, in index order.</summary>
    public static void Rasterize(in Particle particle, int nx, int ny, int nz, double voxelUm, List<int> into)
    {
        var shape = new EllipsoidShape(particle);
        var (x0, x1) = Range(shape.Cx, shape.HalfX, voxelUm, nx);
        var (y0, y1) = Range(shape.Cy, shape.HalfY, voxelUm, ny);
        var (z0, z1) = Range(shape.Cz, shape.HalfZ, voxelUm, nz);
        for (var k = z0; k <= z1; k++)
        {
            var dz = (k + 0.5) * voxelUm - shape.Cz;
            for (var j = y0; j <= y1; j++)
            {
                var dy = (j + 0.5) * voxelUm - shape.Cy;
                var (ru, rv, rw) = shape.RowTerms(dy, dz);
                var rowStart = nx * (j + ny * k);
                for (var i = x0; i <= x1; i++)
                {
                    var dx = (i + 0.5) * voxelUm - shape.Cx;
                    if (shape.QuadraticForm(dx, ru, rv, rw) <= 1.0)
                    {
                        into.Add(rowStart + i);
                    }
                }
            }
        }
    }

    /// <summary>Voxel indices whose centres may lie within [c − half, c + half], one voxel of margin, clipped to the grid.</summary>
    private static (int First, int Last) Range(double centre, double half, double voxelUm, int n)
    {
        var first = Math.Ceiling((centre - half) / voxelUm - 0.5) - 1;
        var last = Math.Floor((centre + half) / voxelUm - 0.5) + 1;
        return ((int)Math.Max(first, 0), (int)Math.Min(last, n - 1));
    }
}

using MesoStream.Contracts.Structures;
using MesoStream.Generator.Geometry;
using MesoStream.Generator.Packing;
using MesoStream.Generator.Randomness;

namespace MesoStream.Generator.Tests;

public class EllipsoidVoxelizerTests
{
    [Theory]
    [InlineData(5.3, 0.0)]
    [InlineData(7.7, 0.0)]
    [InlineData(5.3, 0.5)]
    [InlineData(2.2, 0.5)]
    public void A_sphere_covers_exactly_the_lattice_points_within_its_radius(double radius, double offset)
    {
        // Centre on a voxel centre (offset 0) or a voxel corner (offset ½): voxel-centre offsets from the sphere centre
        // are then integers or half-integers, and an exact integer count (in quarter units) is the reference.
        const int n = 24;
        var c = 12.5 + offset;
        var sphere = new Particle(c, c, c, radius, radius, radius, 1, 0, 0, 0, 1, 0);
        var voxels = new List<int>();
        EllipsoidVoxelizer.Rasterize(sphere, n, n, n, 1.0, voxels);

        var limit = (long)Math.Floor(4 * radius * radius);
        long expected = 0;
        for (var k = 0; k < n; k++)
        {
            for (var j = 0; j < n; j++)
            {
                for (var i = 0; i < n; i++)
                {
                    long dx = 2 * i + 1 - (long)(2 * c), dy = 2 * j + 1 - (long)(2 * c), dz = 2 * k + 1 - (long)(2 * c);
                    if (dx * dx + dy * dy + dz * dz <= limit)
                    {
                        expected++;
                    }
                }
            }
        }

        Assert.Equal(expected, voxels.Count);
        // Sanity: the count approximates the volume to within half a voxel layer of surface.
        Assert.Equal(4.0 / 3.0 * Math.PI * Math.Pow(radius, 3), voxels.Count, 0.5 * 4 * Math.PI * radius * radius);
    }

    [Fact]
    public void Oriented_ellipsoids_cover_exactly_the_voxel_centres_inside_them_clipped_at_the_faces()
    {
        const int nx = 30, ny = 26, nz = 22;
        const double h = 0.8;
        var sampler = new OrientationSampler(1, 1);
        var rng = Xoshiro256StarStar.ForStream(5, RandomStreams.Particles);
        for (var trial = 0; trial < 12; trial++)
        {
            var (u, v) = sampler.SampleFrame(ref rng);
            // Some centres sit near or beyond a face so that clipping is exercised.
            var centre = new Vec3(rng.NextDouble() * nx * h * 1.2 - 2, rng.NextDouble() * ny * h, rng.NextDouble() * nz * h);
            var p = new Particle(centre.X, centre.Y, centre.Z, 6.1, 3.3, 1.7, u.X, u.Y, u.Z, v.X, v.Y, v.Z);

            var voxels = new List<int>();
            EllipsoidVoxelizer.Rasterize(p, nx, ny, nz, h, voxels);
            var brute = BruteForce(p, nx, ny, nz, h);
            Assert.Equal(brute, voxels);
        }
    }

    [Fact]
    public void The_first_semi_axis_lies_along_U_the_second_along_V_the_third_along_U_cross_V()
    {
        var u = new Vec3(1, 2, 2).Normalized();
        var (e1, _) = OrthonormalBasis.Complete(u);
        var p = new Particle(10, 10, 10, 5, 3, 2, u.X, u.Y, u.Z, e1.X, e1.Y, e1.Z);
        var shape = new EllipsoidShape(p);
        var w = u.Cross(e1);
        foreach (var (axis, length) in new[] { (u, 5.0), (e1, 3.0), (w, 2.0) })
        {
            Assert.True(shape.Contains(10 + 0.99 * length * axis.X, 10 + 0.99 * length * axis.Y, 10 + 0.99 * length * axis.Z));
            Assert.False(shape.Contains(10 + 1.01 * length * axis.X, 10 + 1.01 * length * axis.Y, 10 + 1.01 * length * axis.Z));
        }
    }

    /// <summary>
    /// Every voxel of the grid tested with the ellipsoid's matrix form dᵀ(R diag(1/a², 1/b², 1/c²) Rᵀ)d ≤ 1, written out
    /// independently of <see cref="EllipsoidShape"/>; no centre lies within 1e-9 of the surface for these draws.
    /// </summary>
    private static List<int> BruteForce(Particle p, int nx, int ny, int nz, double h)
    {
        var (wx, wy, wz) = p.W;
        double[][] axes = [[p.Ux, p.Uy, p.Uz], [p.Vx, p.Vy, p.Vz], [wx, wy, wz]];
        double[] inverseSquares = [1 / (p.A * p.A), 1 / (p.B * p.B), 1 / (p.C * p.C)];
        var q = new double[3, 3];
        for (var a = 0; a < 3; a++)
        {
            for (var i = 0; i < 3; i++)
            {
                for (var j = 0; j < 3; j++)
                {
                    q[i, j] += inverseSquares[a] * axes[a][i] * axes[a][j];
                }
            }
        }

        var inside = new List<int>();
        for (var k = 0; k < nz; k++)
        {
            for (var j = 0; j < ny; j++)
            {
                for (var i = 0; i < nx; i++)
                {
                    double[] d = [(i + 0.5) * h - p.Cx, (j + 0.5) * h - p.Cy, (k + 0.5) * h - p.Cz];
                    var form = 0.0;
                    for (var r = 0; r < 3; r++)
                    {
                        for (var s = 0; s < 3; s++)
                        {
                            form += d[r] * q[r, s] * d[s];
                        }
                    }

                    Assert.True(Math.Abs(form - 1) > 1e-9, "a voxel centre lies on the surface; pick another draw");
                    if (form <= 1)
                    {
                        inside.Add(i + nx * (j + ny * k));
                    }
                }
            }
        }

        return inside;
    }
}

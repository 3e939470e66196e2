using MesoStream.Contracts.Structures;
using MesoStream.Descriptor.Shapes;

namespace MesoStream.Descriptor.Tests;

public sealed class OverlapTests
{
    private static Particle Sphere(double x, double y, double z, double r) => new(x, y, z, r, r, r, 1, 0, 0, 0, 1, 0);

    /// <summary>
    /// Two spheres of radius 8 µm, 10 µm apart, on 0.5 µm voxels. By hand: lens volume π(4r + d)(2r − d)²/12 = 126π,
    /// union 2·(4/3)π·512 − 126π, γ = lens/union ≈ 0.1017; the voxel count must equal an independent count of centres
    /// inside both spheres over those inside either, and lie within 2 % of the continuum value.
    /// </summary>
    [Fact]
    public void TwoOverlappingSpheresGiveTheLensFraction()
    {
        var spheres = new[] { Sphere(15, 20, 20, 8), Sphere(25, 20, 20, 8) };
        static bool Inside(Particle p, int x, int y, int z) =>
            Grids.Sq((x + 0.5) * 0.5 - p.Cx) + Grids.Sq((y + 0.5) * 0.5 - p.Cy) + Grids.Sq((z + 0.5) * 0.5 - p.Cz) <= p.A * p.A;

        var grid = Grids.Build(80, 80, 80, (x, y, z) =>
            spheres.Any(s => Inside(s, x, y, z)) ? VoxelLabels.ActiveMaterial : VoxelLabels.Pore, voxelUm: 0.5);
        long both = 0, either = 0;
        for (int z = 0; z < 80; z++)
        {
            for (int y = 0; y < 80; y++)
            {
                for (int x = 0; x < 80; x++)
                {
                    int count = spheres.Count(s => Inside(s, x, y, z));
                    either += count > 0 ? 1 : 0;
                    both += count == 2 ? 1 : 0;
                }
            }
        }

        double gamma = OverlapFactor.Calculate(grid, spheres);
        Assert.Equal((double)both / either, gamma, 14);
        double lens = 126 * Math.PI, union = 2 * 4.0 / 3.0 * Math.PI * 512 - lens;
        Assert.Equal(lens / union, gamma, 0.02 * lens / union);
    }

    [Fact]
    public void RotatedEllipsoidsAreCountedWithTheirOrientation()
    {
        // A needle along (1, 1, 0)/√2 and a sphere on its tip; AM voxels are the union, γ = shared / union.
        double s = Math.Sqrt(0.5);
        var needle = new Particle(10, 10, 10, 8, 2, 2, s, s, 0, -s, s, 0);
        var ball = new Particle(10 + 6 * s, 10 + 6 * s, 10, 3, 3, 3, 1, 0, 0, 0, 1, 0);
        static bool Inside(Particle p, double x, double y, double z)
        {
            double dx = x - p.Cx, dy = y - p.Cy, dz = z - p.Cz;
            var (wx, wy, wz) = p.W;
            return Grids.Sq((dx * p.Ux + dy * p.Uy + dz * p.Uz) / p.A) + Grids.Sq((dx * p.Vx + dy * p.Vy + dz * p.Vz) / p.B)
                + Grids.Sq((dx * wx + dy * wy + dz * wz) / p.C) <= 1;
        }

        var grid = Grids.Build(24, 24, 24, (x, y, z) =>
            Inside(needle, x + 0.5, y + 0.5, z + 0.5) || Inside(ball, x + 0.5, y + 0.5, z + 0.5) ? VoxelLabels.ActiveMaterial : VoxelLabels.Pore);
        int shared = 0, union = 0;
        for (int i = 0; i < grid.Labels.Length; i++)
        {
            var (x, y, z) = Grids.Coordinates(grid, i);
            bool inNeedle = Inside(needle, x + 0.5, y + 0.5, z + 0.5), inBall = Inside(ball, x + 0.5, y + 0.5, z + 0.5);
            union += inNeedle || inBall ? 1 : 0;
            shared += inNeedle && inBall ? 1 : 0;
        }

        Assert.True(shared > 0);
        Assert.Equal((double)shared / union, OverlapFactor.Calculate(grid, [needle, ball]), 14);
    }
}

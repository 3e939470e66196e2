using MesoStream.Contracts.Structures;
using MesoStream.Solver.Transport;

namespace MesoStream.Solver.Tests;

public class PercolationTests
{
    private static byte Channel(int y, int z) => y == 4 && z == 4 ? VoxelLabels.Pore : VoxelLabels.ActiveMaterial;

    [Fact]
    public void Isolated_pore_clusters_and_dead_ends_change_nothing()
    {
        var clean = TestGrids.Build(24, 10, 10, (_, y, z) => Channel(y, z));
        var cluttered = TestGrids.Build(24, 10, 10, (x, y, z) =>
        {
            bool island = x is >= 6 and <= 9 && y is >= 6 and <= 8 && z is >= 1 and <= 2;
            bool deadEnd = x == 12 && y < 4 && z == 4; // attached to the channel, leads nowhere
            bool touchesInletOnly = x < 5 && y == 1 && z == 8;
            return island || deadEnd || touchesInletOnly ? VoxelLabels.Pore : Channel(y, z);
        });
        var a = TortuositySolver.Solve(clean, ConductingPhase.Pore, Axis.X);
        var b = TortuositySolver.Solve(cluttered, ConductingPhase.Pore, Axis.X);
        Assert.True(b.Converged);
        Assert.Equal(a.EffectiveDiffusivity, b.EffectiveDiffusivity, 1e-9);
        Assert.Equal(24 + 4, b.ActiveVoxels); // the dead end is linked to both faces through the channel: flux-free but in the system
        Assert.True(b.PercolatingFraction < 1);
        Assert.True(b.Iterations <= a.Iterations + 5, $"clusters should not stall the solve: {a.Iterations} vs {b.Iterations}");
    }

    [Fact]
    public void A_direction_without_a_path_is_infinite_while_others_stay_finite()
    {
        // Open pore everywhere except a solid wall at z = 5: x and y percolate, z does not.
        var g = TestGrids.Build(12, 12, 12, (x, y, z) => z == 5 || (x + y + z) % 4 == 0 ? VoxelLabels.ActiveMaterial : VoxelLabels.Pore);
        var tx = TortuositySolver.Solve(g, ConductingPhase.Pore, Axis.X);
        var ty = TortuositySolver.Solve(g, ConductingPhase.Pore, Axis.Y);
        var tz = TortuositySolver.Solve(g, ConductingPhase.Pore, Axis.Z);
        Assert.True(tx.Percolates && double.IsFinite(tx.Tortuosity) && tx.Converged);
        Assert.True(ty.Percolates && double.IsFinite(ty.Tortuosity) && ty.Converged);
        Assert.False(tz.Percolates);
        Assert.Equal(double.PositiveInfinity, tz.Tortuosity);
        Assert.False(double.IsNaN(tz.EffectiveDiffusivity));
    }

    [Fact]
    public void Percolating_voxels_are_those_linked_to_both_faces()
    {
        // 1-D line along x: conducting except a gap at x = 3 → nothing percolates; fill it → all do.
        var line = new byte[] { 1, 1, 1, 0, 1, 1 };
        var mask = new byte[6];
        Assert.Equal(0, PercolationAnalysis.FindPercolatingVoxels(line, 6, 1, 1, Axis.X, mask));
        line[3] = 1;
        Assert.Equal(6, PercolationAnalysis.FindPercolatingVoxels(line, 6, 1, 1, Axis.X, mask));
    }

    [Theory]
    [InlineData(0.3, 1)]
    [InlineData(0.5, 2)]
    [InlineData(0.7, 3)]
    public void Percolating_voxels_match_a_breadth_first_search_from_both_faces(double fraction, int seed)
    {
        const int nx = 19, ny = 14, nz = 11;
        var random = new Random(seed);
        var conducting = new byte[nx * ny * nz];
        for (int i = 0; i < conducting.Length; i++)
        {
            conducting[i] = random.NextDouble() < fraction ? (byte)1 : (byte)0;
        }

        foreach (var axis in new[] { Axis.X, Axis.Y, Axis.Z })
        {
            var mask = new byte[conducting.Length];
            long count = PercolationAnalysis.FindPercolatingVoxels(conducting, nx, ny, nz, axis, mask);
            var inlet = ReachableFromFace(conducting, nx, ny, nz, axis, inlet: true);
            var outlet = ReachableFromFace(conducting, nx, ny, nz, axis, inlet: false);
            var expected = inlet.Zip(outlet, (a, b) => a && b ? (byte)1 : (byte)0).ToArray();
            Assert.Equal(expected, mask);
            Assert.Equal(expected.Count(v => v == 1), count);
        }
    }

    /// <summary>Voxel-by-voxel breadth-first search from every conducting voxel of one face.</summary>
    private static bool[] ReachableFromFace(byte[] conducting, int nx, int ny, int nz, Axis axis, bool inlet)
    {
        var reached = new bool[conducting.Length];
        var queue = new Queue<(int X, int Y, int Z)>();
        for (int z = 0; z < nz; z++)
        {
            for (int y = 0; y < ny; y++)
            {
                for (int x = 0; x < nx; x++)
                {
                    int coordinate = axis switch { Axis.X => x, Axis.Y => y, _ => z };
                    int layer = axis switch { Axis.X => nx, Axis.Y => ny, _ => nz } - 1;
                    if (coordinate == (inlet ? 0 : layer))
                    {
                        queue.Enqueue((x, y, z));
                    }
                }
            }
        }

        while (queue.Count > 0)
        {
            var (x, y, z) = queue.Dequeue();
            if (x < 0 || y < 0 || z < 0 || x >= nx || y >= ny || z >= nz)
            {
                continue;
            }

            int i = x + nx * (y + ny * z);
            if (conducting[i] == 0 || reached[i])
            {
                continue;
            }

            reached[i] = true;
            queue.Enqueue((x + 1, y, z));
            queue.Enqueue((x - 1, y, z));
            queue.Enqueue((x, y + 1, z));
            queue.Enqueue((x, y - 1, z));
            queue.Enqueue((x, y, z + 1));
            queue.Enqueue((x, y, z - 1));
        }

        return reached;
    }
}

using MesoStream.Contracts.Arrow;
using MesoStream.Contracts.Specs;
using MesoStream.Contracts.Structures;

namespace MesoStream.Testing.Payloads;

/// <summary>
/// A valid voxel batch of uniformly random labels (0, 1, 2), random particle centres and a spec describing its grid:
/// cheap to make, and varied enough that bytes flipped in its compressed labels can still decompress.
/// </summary>
public static class RandomVoxelBatch
{
    public static VoxelBatch Of(string id, int nx, int ny, int nz, int seed, int particles)
    {
        var random = new Random(seed);
        var labels = new byte[nx * ny * nz];
        for (var i = 0; i < labels.Length; i++)
        {
            labels[i] = (byte)random.Next(3);
        }

        var list = Enumerable.Range(0, particles).Select(_ => new Particle(
            random.NextDouble(), random.NextDouble(), random.NextDouble(), 3, 2, 1, 1, 0, 0, 0, 1, 0)).ToList();
        var spec = new StructureSpec(id, 7, new GridSpec(nx, ny, nz, 1.5),
            new ActiveMaterialSpec(0.5, new SemiAxes(3, 2, 2), 1, 1), new BinderSpec(0.07, 0.3), "test");
        return new VoxelBatch(id, new VoxelGrid(nx, ny, nz, 1.5, labels), list, spec, "{\"particles\":" + particles + "}");
    }
}

using MesoStream.Contracts.Specs;
using MesoStream.Contracts.Structures;

namespace MesoStream.Generator.Packing;

/// <summary>
/// Overlapping-ellipsoid packing (paper: "Electrode structure generation"; docs/science.md, "Generator"): candidate
/// particles from <see cref="ParticleSampler"/> are added one at a time until the active-material voxel fraction
/// reaches the target within ±<see cref="FractionTolerance"/>.
/// <para>
/// Acceptance rule, in voxel counts with N voxels and target f: particles are added while the covered count is below
/// ⌈(f − 0.005)·N⌉. A candidate whose new voxels would take the count above ⌊(f + 0.005)·N⌋ is discarded and the next
/// candidate of the stream is tried (a larger particle than the tolerance window, possible only on small grids);
/// a candidate that covers no voxel centre is discarded too. The outcome depends only on the candidate sequence.
/// </para>
/// <para>
/// Parallelism is speculative and cannot change the result: a batch of the next candidates is voxelized concurrently,
/// each into its own list, then committed strictly in candidate order; candidates past the stopping point are thrown
/// away. Candidate i is the i-th draw of the particle stream whatever the batch size or thread count.
/// </para>
/// </summary>
public static class EllipsoidPacking
{
    public const double FractionTolerance = 0.005;

    /// <summary>Consecutive discarded candidates after which the target is declared unreachable on this grid.</summary>
    public const int MaxConsecutiveRejections = 200_000;

    private const int MaxBatch = 2048;

    public static PackingResult Pack(StructureSpec spec, GeneratorOptions options)
    {
        ArgumentNullException.ThrowIfNull(spec);
        ArgumentNullException.ThrowIfNull(options);
        var grid = spec.Grid;
        var n = grid.VoxelCount;
        var target = spec.ActiveMaterial.VolumeFraction;
        var lower = (long)Math.Ceiling((target - FractionTolerance) * n);
        var upper = (long)Math.Floor((target + FractionTolerance) * n);
        var axes = spec.ActiveMaterial.AxesUm;
        var particleVoxels = 4.0 / 3.0 * Math.PI * axes.A * axes.B * axes.C / Math.Pow(grid.VoxelUm, 3);

        var coverage = new byte[n];
        var particles = new List<Particle>();
        var sampler = new ParticleSampler(spec, options.CentreWindow);
        var batch = new Particle[MaxBatch];
        var voxels = new List<int>[MaxBatch];
        for (var b = 0; b < MaxBatch; b++)
        {
            voxels[b] = [];
        }

        long covered = 0, overlap = 0, drawn = 0, rejected = 0;
        var consecutiveRejections = 0;
        while (covered < lower)
        {
            var size = BatchSize(lower - covered, (double)covered / n, particleVoxels);
            for (var b = 0; b < size; b++)
            {
                batch[b] = sampler.Next();
            }

            Voxelize(batch, voxels, size, grid, options.MaxDegreeOfParallelism);
            for (var b = 0; b < size && covered < lower; b++)
            {
                drawn++;
                var list = voxels[b];
                var fresh = 0;
                foreach (var index in list)
                {
                    if (coverage[index] == 0)
                    {
                        fresh++;
                    }
                }

                if (list.Count == 0 || covered + fresh > upper)
                {
                    rejected++;
                    if (++consecutiveRejections >= MaxConsecutiveRejections)
                    {
                        throw new InvalidOperationException(
                            $"no particle fits the active-material window [{lower}, {upper}] voxels after " +
                            $"{MaxConsecutiveRejections} candidates: the particles are too large for a ±{FractionTolerance} " +
                            $"tolerance on a {grid.Nx}×{grid.Ny}×{grid.Nz} grid");
                    }

                    continue;
                }

                consecutiveRejections = 0;
                foreach (var index in list)
                {
                    var c = coverage[index];
                    if (c == 1)
                    {
                        overlap++;
                    }

                    if (c < byte.MaxValue)
                    {
                        coverage[index] = (byte)(c + 1);
                    }
                }

                covered += fresh;
                particles.Add(batch[b]);
            }
        }

        return new PackingResult(coverage, particles, covered, overlap, drawn, rejected);
    }

    /// <summary>
    /// About half the particles still expected to be needed (each adds ≈ V·(1 − φ) new voxels in a Boolean model), so
    /// little speculative work is wasted; the size only affects speed, never the structure.
    /// </summary>
    private static int BatchSize(long missingVoxels, double fraction, double particleVoxels)
    {
        var expectedNew = Math.Max(particleVoxels * (1.0 - fraction), 1.0);
        var needed = missingVoxels / expectedNew;
        return (int)Math.Clamp(Math.Ceiling(needed / 2), 8, MaxBatch);
    }

    private static void Voxelize(Particle[] batch, List<int>[] voxels, int size, GridSpec grid, int maxDegreeOfParallelism)
    {
        if (maxDegreeOfParallelism <= 1)
        {
            for (var b = 0; b < size; b++)
            {
                VoxelizeOne(batch, voxels, b, grid);
            }

            return;
        }

        Parallel.For(0, size, new ParallelOptions { MaxDegreeOfParallelism = maxDegreeOfParallelism },
            b => VoxelizeOne(batch, voxels, b, grid));
    }

    private static void VoxelizeOne(Particle[] batch, List<int>[] voxels, int b, GridSpec grid)
    {
        var list = voxels[b];
        list.Clear();
        EllipsoidVoxelizer.Rasterize(batch[b], grid.Nx, grid.Ny, grid.Nz, grid.VoxelUm, list);
    }
}

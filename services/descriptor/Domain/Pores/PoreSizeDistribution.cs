using MesoStream.Contracts.Structures;

namespace MesoStream.Descriptor.Pores;

/// <summary>
/// Continuous pore size distribution (c-PSD, Münch &amp; Holzer 2008; docs/methods.md,
/// "c-PSD and mean pore size") as radii in µm.
/// <see cref="CoveredFraction"/>[k] = F(<see cref="RadiiUm"/>[k]) = the fraction of pore volume whose local thickness
/// (<see cref="LocalThickness"/>) is ≥ that radius; the radii are every local-thickness value that occurs, ascending,
/// so F is a step function that is exact between them (F = 1 below the first radius, 0 above the last).
/// </summary>
/// <param name="MeanRadiusUm">D9: ∫F(r)dr, the pore-volume-weighted mean local-thickness radius (µm).</param>
/// <param name="MedianRadiusUm">r50: the largest radius r with F(r) ≥ ½ (µm).</param>
public sealed record PoreSizeDistribution(
    IReadOnlyList<double> RadiiUm,
    IReadOnlyList<double> CoveredFraction,
    double MeanRadiusUm,
    double MedianRadiusUm,
    long PoreVoxels)
{
    /// <summary>The distance map and local thickness of the grid's pore space, summarised as the c-PSD.</summary>
    public static PoreSizeDistribution Calculate(VoxelGrid grid)
    {
        var distance = DistanceTransform.SquaredDistanceToSolid(grid);
        return FromLocalThickness(grid, LocalThickness.SquaredRadii(grid, distance));
    }

    /// <summary>Summarises squared local-thickness radii (voxel units², 0 on solid) as the c-PSD.</summary>
    public static PoreSizeDistribution FromLocalThickness(VoxelGrid grid, int[] squaredRadii)
    {
        ArgumentNullException.ThrowIfNull(grid);
        ArgumentNullException.ThrowIfNull(squaredRadii);
        var histogram = new long[squaredRadii.Length == 0 ? 1 : squaredRadii.Max() + 1];
        foreach (int d in squaredRadii)
        {
            histogram[d]++;
        }

        long pore = squaredRadii.LongLength - histogram[0];
        if (pore == 0)
        {
            throw new InvalidOperationException("the grid holds no pore voxel: the pore size distribution is undefined");
        }

        double h = grid.VoxelUm;
        var radii = new List<double>();
        var covered = new List<double>();
        long atOrAbove = pore;
        double radiusSum = 0, median = 0;
        for (int d = 1; d < histogram.Length; d++)
        {
            long n = histogram[d];
            if (n == 0)
            {
                continue;
            }

            double radius = Math.Sqrt(d) * h;
            radii.Add(radius);
            covered.Add((double)atOrAbove / pore);
            if (2 * atOrAbove >= pore)
            {
                median = radius;
            }

            radiusSum += n * radius;
            atOrAbove -= n;
        }

        return new PoreSizeDistribution(radii, covered, radiusSum / pore, median, pore);
    }
}

namespace MesoStream.Generator;

/// <summary>How the generator runs; none of these change the structure's bytes except <see cref="CentreWindow"/>.</summary>
/// <param name="MaxDegreeOfParallelism">
/// Threads for particle voxelization; 1 or less runs on the calling thread. The result is byte-identical for every
/// value (see <see cref="Packing.EllipsoidPacking"/>).
/// </param>
/// <param name="CentreWindow">
/// Where particle centres are drawn. <see cref="CentreWindow.Dilated"/> by default, a change from the first design's
/// "centres uniform in the domain" (docs/methods.md, "Particle centres"): that rule leaves the two outer voxel layers
/// at v_AM ≈ 0.42 for a 0.60 target, so inlet and outlet faces were more porous than the bulk, and the mean pore radius
/// depended on the grid size.
/// </param>
public sealed record GeneratorOptions(int MaxDegreeOfParallelism, CentreWindow CentreWindow = CentreWindow.Dilated)
{
    public static GeneratorOptions Default { get; } = new(Environment.ProcessorCount);
}

/// <summary>The region in which particle centres are uniformly distributed.</summary>
public enum CentreWindow
{
    /// <summary>
    /// Centres uniform in the domain; particles crossing a face are clipped (the first design's wording). Voxels within
    /// about one particle size of a face are reachable by fewer particles, so the solid fraction there is lower than inside.
    /// </summary>
    Domain,

    /// <summary>
    /// Centres uniform in the domain widened on every side by the longest semi-axis, i.e. every particle that can
    /// touch the domain: the structure is then a stationary Boolean model right up to the faces ("plus sampling",
    /// Chiu, Stoyan, Kendall &amp; Mecke, Stochastic Geometry and its Applications, 3rd ed., 2013, §2.7 on edge effects).
    /// Particles that cover no voxel are dropped.
    /// </summary>
    Dilated,
}

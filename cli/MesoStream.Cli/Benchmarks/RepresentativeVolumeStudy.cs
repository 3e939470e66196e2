using System.Diagnostics;
using System.Globalization;
using MesoStream.Contracts.Specs;
using MesoStream.Generator;
using MesoStream.Solver.Properties;

namespace MesoStream.Cli.Benchmarks;

/// <summary>One electrode design of the study: the spec fields that vary, with isotropic orientation and ω = 0.5.</summary>
public sealed record RveDesign(string Name, double ActiveFraction, double BinderFraction, SemiAxes AxesUm);

/// <summary>A cubic grid: edge in voxels and voxel size; the box is their product.</summary>
public sealed record RveGrid(int Edge, double VoxelUm)
{
    public double BoxUm => Edge * VoxelUm;

    public string Label => string.Create(CultureInfo.InvariantCulture, $"{Edge}³ @ {VoxelUm:0.##} µm");

    /// <summary>"128@1" → 128³ voxels of 1 µm.</summary>
    public static RveGrid Parse(string text)
    {
        var parts = text.Split('@', StringSplitOptions.TrimEntries);
        return parts.Length == 2
            && int.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var edge) && edge is >= SpecLimits.MinGridEdge and <= SpecLimits.MaxGridEdge
            && double.TryParse(parts[1], NumberStyles.Float, CultureInfo.InvariantCulture, out var voxel) && voxel is >= SpecLimits.MinVoxelUm and <= SpecLimits.MaxVoxelUm
            ? new RveGrid(edge, voxel)
            : throw new ArgumentException($"--grids: \"{text}\" is not EDGE@VOXEL_UM with EDGE in [{SpecLimits.MinGridEdge}, {SpecLimits.MaxGridEdge}] and VOXEL_UM in [{SpecLimits.MinVoxelUm}, {SpecLimits.MaxVoxelUm}] (e.g. 128@1)");
    }
}

/// <summary>
/// One (design, grid) cell: the replicates' mean porosity, the largest coefficient of variation (sample sd / mean over
/// the replicate seeds) among τx,y,z, among σx,y,z and among a01, a02, a12, the replicates with a non-percolating
/// pore direction (left out of τ's statistics), and the generate + solve seconds per structure.
/// </summary>
public sealed record RveCell(
    RveDesign Design,
    RveGrid Grid,
    int Replicates,
    double Porosity,
    double[] TauMean,
    double TauCv,
    double SigmaCv,
    double AreaCv,
    int NonPercolating,
    double SecondsPerStructure);

/// <summary>
/// The statistical representative volume (Kanit et al. 2003: the size at which the scatter of an effective property
/// over independent realisations falls below a tolerance): for each design and grid, replicate structures that
/// differ only in their seed are generated and solved, and the scatter of every property is reported with the cost.
/// The `study` preset is the cheapest grid whose τ scatter stays within the tolerance near the paper's typical porosity.
/// </summary>
public static class RepresentativeVolumeStudy
{
    /// <summary>
    /// Three designs spanning the porosity range (issue 16): open (ε ≈ 0.44), typical (ε ≈ 0.30: v_AM 0.62, binder 0.08,
    /// axes 6/4/4 µm) and near pore percolation (ε ≈ 0.17: v_AM 0.74, binder 0.09).
    /// </summary>
    public static IReadOnlyList<RveDesign> Designs { get; } =
    [
        new("open", 0.50, 0.06, new SemiAxes(6, 4, 4)),
        new("typical", 0.62, 0.08, new SemiAxes(6, 4, 4)),
        new("near-percolation", 0.74, 0.09, new SemiAxes(6, 4, 4)),
    ];

    public static RveCell Measure(RveDesign design, RveGrid grid, int replicates, Action? structureDone = null)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(replicates, 2);
        var properties = new List<EffectiveProperties>(replicates);
        var clock = Stopwatch.StartNew();
        for (int seed = 1; seed <= replicates; seed++)
        {
            var spec = new StructureSpec(string.Empty, seed, new GridSpec(grid.Edge, grid.Edge, grid.Edge, grid.VoxelUm),
                new ActiveMaterialSpec(design.ActiveFraction, design.AxesUm, 1, 1), new BinderSpec(design.BinderFraction, 0.5), "bench-rve");
            var generated = StructureGenerator.Generate(spec with { Id = spec.ContentId() });
            properties.Add(EffectivePropertiesCalculator.Calculate(generated.Grid));
            structureDone?.Invoke();
        }

        double[][] tau = [[.. properties.Select(p => p.TauX)], [.. properties.Select(p => p.TauY)], [.. properties.Select(p => p.TauZ)]];
        double[][] sigma = [[.. properties.Select(p => p.SigmaX)], [.. properties.Select(p => p.SigmaY)], [.. properties.Select(p => p.SigmaZ)]];
        double[][] areas = [[.. properties.Select(p => p.A01)], [.. properties.Select(p => p.A02)], [.. properties.Select(p => p.A12)]];
        var percolating = tau.Select(d => d.Where(double.IsFinite).ToArray()).ToArray();
        return new RveCell(
            design,
            grid,
            replicates,
            properties.Average(p => p.Porosity),
            [.. percolating.Select(d => d.Length > 0 ? d.Average() : double.PositiveInfinity)],
            percolating.Max(CoefficientOfVariation),
            sigma.Max(CoefficientOfVariation),
            areas.Max(CoefficientOfVariation),
            properties.Count(p => !double.IsFinite(p.TauX) || !double.IsFinite(p.TauY) || !double.IsFinite(p.TauZ)),
            clock.Elapsed.TotalSeconds / replicates);
    }

    /// <summary>Sample standard deviation over the mean; NaN for fewer than two values or a zero mean.</summary>
    public static double CoefficientOfVariation(IReadOnlyList<double> values)
    {
        if (values.Count < 2)
        {
            return double.NaN;
        }

        double mean = values.Average();
        double variance = values.Sum(v => (v - mean) * (v - mean)) / (values.Count - 1);
        return mean == 0 ? double.NaN : Math.Sqrt(variance) / Math.Abs(mean);
    }

    /// <summary>
    /// A design's reference cell: the finest voxels, and of those the largest box — the closest this study gets to the
    /// continuum answer.
    /// </summary>
    public static RveCell Reference(IReadOnlyList<RveCell> cells, RveDesign design) =>
        cells.Where(c => c.Design == design).OrderBy(c => c.Grid.VoxelUm).ThenByDescending(c => c.Grid.BoxUm).First();

    /// <summary>
    /// The largest relative difference of the cell's mean τ (per direction) from its design's <see cref="Reference"/>:
    /// the resolution and box-size bias, which replicate scatter alone does not show (coarse voxels close thin pore
    /// throats and raise τ for every seed alike).
    /// </summary>
    public static double TauBias(IReadOnlyList<RveCell> cells, RveCell cell)
    {
        var reference = Reference(cells, cell.Design);
        return cell.TauMean.Zip(reference.TauMean).Max(p => Math.Abs(p.First - p.Second) / p.Second);
    }

    /// <summary>
    /// The cheapest grid (seconds per structure) for the design whose porosity is nearest <paramref name="porosity"/>
    /// whose τ coefficient of variation and τ bias against the reference are both within <paramref name="tolerance"/>;
    /// null when no grid meets it.
    /// </summary>
    public static RveCell? Cheapest(IReadOnlyList<RveCell> cells, double tolerance, double porosity)
    {
        var design = cells.MinBy(c => Math.Abs(c.Porosity - porosity))?.Design;
        return cells.Where(c => c.Design == design && c.TauCv <= tolerance && TauBias(cells, c) <= tolerance).MinBy(c => c.SecondsPerStructure);
    }
}

using MesoStream.Contracts.Specs;
using MesoStream.Generator.Packing;
using MesoStream.Trainer.Dataset;

namespace MesoStream.Cli.Report;

/// <summary>
/// One structure of a study as the report's figures need it: the dataset row (measured descriptors and properties) and
/// the spec it was generated from, which alone knows the particle shape and how it was aligned.
/// </summary>
internal sealed record StudyRow(DatasetRecord Data, StructureSpec Spec)
{
    /// <summary>Measured porosity ε = 1 − v_AM − v_s (descriptors D1, D2).</summary>
    public double Porosity => 1 - Data.ActiveFraction - Data.BinderFraction;

    public AlignmentClass Alignment { get; } = ParticleAlignment.Classify(Spec.ActiveMaterial);

    public ZinggClass Shape { get; } = ZinggClassifier.Classify(Spec.ActiveMaterial.AxesUm);

    /// <summary>Zingg's two ratios of the sorted semi-axes L ≥ I ≥ S: I/L (elongation) and S/I (flatness).</summary>
    public (double IOverL, double SOverI) ZinggRatios { get; } = Ratios(Spec.ActiveMaterial.AxesUm);

    private static (double, double) Ratios(SemiAxes axes)
    {
        double[] sorted = [axes.A, axes.B, axes.C];
        Array.Sort(sorted);
        return (sorted[1] / sorted[2], sorted[0] / sorted[1]);
    }

    /// <summary>The dataset rows that have a spec in <paramref name="specs"/> (a row without one cannot be classified and is left out).</summary>
    public static IReadOnlyList<StudyRow> Join(IEnumerable<DatasetRecord> rows, IEnumerable<StructureSpec> specs)
    {
        var byId = specs.ToDictionary(s => s.Id, StringComparer.Ordinal);
        return [.. rows.Where(r => byId.ContainsKey(r.Id)).Select(r => new StudyRow(r, byId[r.Id]))];
    }
}

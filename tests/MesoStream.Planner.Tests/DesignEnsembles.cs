using MesoStream.Contracts.Models;
using MesoStream.Contracts.Vocabulary;

namespace MesoStream.Planner.Tests;

/// <summary>Hand-built design ensembles whose disagreement is known: stumps on one spec-determined descriptor.</summary>
internal static class DesignEnsembles
{
    /// <summary>
    /// Trees that agree (predict 0) where <paramref name="descriptor"/> ≤ <paramref name="split"/> and disagree above it
    /// (tree t predicts t there): the spread is 0 below the split and the sd of 0…n−1 above it.
    /// </summary>
    public static DesignEnsemble UnsureAbove(DescriptorId descriptor, double split, int trees = 8) => new()
    {
        Descriptors = DesignEnsemble.ExpectedDescriptors,
        Trees = [.. Enumerable.Range(0, trees).Select(t => new RegressionTreeNodes
        {
            Feature = [Feature(descriptor), -1, -1],
            Threshold = [split, 0, 0],
            Left = [1, -1, -1],
            Right = [2, -1, -1],
            Value = [0, 0, t],
        })],
        Space = TargetTransform.Identity,
        TargetSpread = 1,
        Rows = 100,
    };

    public static int Feature(DescriptorId descriptor) => Descriptors.SpecDetermined.ToList().IndexOf(descriptor);

    /// <summary>The D1…D11 ranges of the paper's design box, as a model trained on a campaign over it would have them.</summary>
    public static IReadOnlyList<DescriptorRange> PaperRanges { get; } =
    [
        new("v_am", 0.4, 0.8), new("v_s", 0.05, 0.1), new("omega", 0.1, 0.9), new("gamma", 0.3, 0.9), new("r_eq", 2, 7),
        new("eccentricity", 1, 5), new("rectangularity", 0.4, 0.53), new("sphericity", 0.6, 1), new("mean_pore_size", 0.5, 5),
        new("a1", 0.1, 100), new("a2", 0.1, 100),
    ];
}

using MesoStream.Contracts.Models;
using MesoStream.Contracts.Vocabulary;
using MesoStream.Modelling.Serving;
using MesoStream.Trainer.Dataset;
using MesoStream.Trainer.Models;

namespace MesoStream.Trainer.Workflow;

/// <summary>
/// Fits a target's <see cref="DesignEnsemble"/>: <see cref="Trees"/> CART trees, each on a bootstrap resample of the
/// training rows (multiplicities drawn with <c>new Random(seed)</c>, passed as row weights), over the spec-determined
/// descriptors only — the space the active-learning planner can reach for an unsimulated candidate. Rows whose target
/// is not finite (a non-percolating τ) are left out. The target is learned in ln space when every value is positive
/// (τ, and σ when every structure conducts), so a spread means the same relative uncertainty at τ = 2 and at τ = 20.
/// Deterministic for a seed and a row order.
/// </summary>
public static class DesignEnsembleTraining
{
    /// <summary>
    /// Trees per ensemble: the spread's own sampling error falls as 1/√(2·(M − 1)), about 13 % at 32 trees, which is
    /// finer than the factor-of-several spread differences the planner ranks by.
    /// </summary>
    public const int Trees = 32;

    /// <summary>Fewer finite rows than this give no ensemble (a bootstrap of a handful of rows says little).</summary>
    public const int MinimumRows = 10;

    private const int MaxDepth = 6;
    private const int MinLeaf = 3;

    /// <summary>
    /// The bootstrap seed of <paramref name="target"/>'s ensemble under a workflow seed: its own stream, set by its place
    /// among the nine properties, so adding or dropping a target leaves the others' ensembles unchanged.
    /// </summary>
    public static int SeedFor(int workflowSeed, string target) =>
        unchecked(workflowSeed * 31 + DatasetColumns.Properties.ToList().IndexOf(target));

    /// <param name="descriptors">Each row's D1…D11 (the dataset's descriptor vector).</param>
    /// <param name="values">The target per row, raw.</param>
    public static DesignEnsemble? Train(IReadOnlyList<double[]> descriptors, IReadOnlyList<double> values, int seed)
    {
        var rows = new List<double[]>(values.Count);
        var targets = new List<double>(values.Count);
        for (int i = 0; i < values.Count; i++)
        {
            if (double.IsFinite(values[i]))
            {
                rows.Add([.. Descriptors.SpecDetermined.Select(d => descriptors[i][(int)d - 1])]);
                targets.Add(values[i]);
            }
        }

        if (rows.Count < MinimumRows)
        {
            return null;
        }

        var space = targets.All(v => v > 0) ? TargetTransform.Log : TargetTransform.Identity;
        double[] y = space.Forward([.. targets]);
        double mean = y.Average();
        double spread = Math.Sqrt(y.Sum(v => (v - mean) * (v - mean)) / (y.Length - 1));
        if (!(spread > 0))
        {
            return null;
        }

        var bins = FeatureBins.Build([.. rows]);
        var random = new Random(seed);
        var trees = new RegressionTreeNodes[Trees];
        for (int t = 0; t < Trees; t++)
        {
            var weights = new double[y.Length];
            for (int draw = 0; draw < y.Length; draw++)
            {
                weights[random.Next(y.Length)]++;
            }

            var tree = new DecisionTreeRegressor(MaxDepth, MinLeaf);
            tree.Fit(bins, y, weights);
            trees[t] = tree.ToNodes();
        }

        return new DesignEnsemble
        {
            Descriptors = DesignEnsemble.ExpectedDescriptors,
            Trees = trees,
            Space = space,
            TargetSpread = spread,
            Rows = y.Length,
        };
    }
}

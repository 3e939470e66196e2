using MesoStream.Contracts.Models;

namespace MesoStream.Planner.Acquisition;

/// <summary>How much the trees of a <see cref="DesignEnsemble"/> disagree at one design: the sample standard deviation of their predictions.</summary>
public static class EnsembleSpread
{
    public static double At(DesignEnsemble ensemble, ReadOnlySpan<double> descriptors)
    {
        // Welford's update: one pass, no buffer per design.
        double mean = 0, m2 = 0;
        var trees = ensemble.Trees;
        for (int t = 0; t < trees.Length; t++)
        {
            double y = Predict(trees[t], descriptors);
            double delta = y - mean;
            mean += delta / (t + 1);
            m2 += delta * (y - mean);
        }

        return Math.Sqrt(m2 / (trees.Length - 1));
    }

    private static double Predict(RegressionTreeNodes tree, ReadOnlySpan<double> x)
    {
        int node = 0;
        while (tree.Feature[node] >= 0)
        {
            node = x[tree.Feature[node]] <= tree.Threshold[node] ? tree.Left[node] : tree.Right[node];
        }

        return tree.Value[node];
    }
}

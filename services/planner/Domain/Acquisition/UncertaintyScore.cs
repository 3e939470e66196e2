using MesoStream.Contracts.Models;
using MesoStream.Planner.Candidates;

namespace MesoStream.Planner.Acquisition;

/// <summary>
/// The acquisition score of each candidate: over the targets the user names, the mean of the design ensemble's spread
/// divided by that target's training spread (<see cref="DesignEnsemble.TargetSpread"/>), so τ in ln space and σ in raw
/// units weigh alike. Uncertainty sampling (Lewis and Gale 1994; with a bagged committee, query by committee, Seung et
/// al. 1992): the model learns most from the designs its resamples disagree on.
/// </summary>
public static class UncertaintyScore
{
    public static double[] Of(IReadOnlyList<Candidate> pool, IReadOnlyList<DesignEnsemble> ensembles)
    {
        ArgumentOutOfRangeException.ThrowIfZero(ensembles.Count);
        var scores = new double[pool.Count];
        Parallel.For(0, pool.Count, i =>
        {
            double sum = 0;
            foreach (var ensemble in ensembles)
            {
                sum += EnsembleSpread.At(ensemble, pool[i].Descriptors) / ensemble.TargetSpread;
            }

            scores[i] = sum / ensembles.Count;
        });
        return scores;
    }
}

using MesoStream.Contracts.Vocabulary;

namespace MesoStream.Contracts.Models;

/// <summary>
/// Where a target's model is unsure, in a form cheap enough to ask about 50,000 unsimulated designs: a bootstrap
/// ensemble of regression trees (bagging, Breiman 1996) over the descriptors a spec alone determines
/// (<see cref="Descriptors.SpecDetermined"/>, in that order), each tree fitted to a resample of the training rows in
/// <see cref="Space"/>. The spread of the trees' predictions at a design is the disagreement the active-learning
/// planner acquires by; <see cref="TargetSpread"/> (the training targets' standard deviation in that space) makes the
/// spreads of different targets comparable.
/// </summary>
public sealed class DesignEnsemble
{
    /// <summary>The descriptor names the trees' features are, in feature order: <see cref="Descriptors.SpecDetermined"/>.</summary>
    public required IReadOnlyList<string> Descriptors { get; init; }

    public required RegressionTreeNodes[] Trees { get; init; }

    /// <summary>The space the trees predict the target in (ln for τ, whose spread near percolation spans decades).</summary>
    public required TargetTransform Space { get; init; }

    /// <summary>Standard deviation of the training targets in <see cref="Space"/> (&gt; 0).</summary>
    public required double TargetSpread { get; init; }

    /// <summary>The training rows the trees were resampled from.</summary>
    public required int Rows { get; init; }

    /// <summary>The names <see cref="Descriptors"/> must hold.</summary>
    public static IReadOnlyList<string> ExpectedDescriptors { get; } = [.. Vocabulary.Descriptors.SpecDetermined.Select(Vocabulary.Descriptors.NameOf)];

    /// <summary>Structural problems, each naming its field.</summary>
    public IEnumerable<string> Problems()
    {
        if (Descriptors is null || !Descriptors.SequenceEqual(ExpectedDescriptors))
        {
            yield return $"descriptors: must be {string.Join(", ", ExpectedDescriptors)} in that order";
            yield break;
        }

        if (Trees is null || Trees.Length < 2 || Trees.Any(t => t is null))
        {
            yield return "trees: an ensemble needs at least 2 trees and no null tree";
            yield break;
        }

        if (!(double.IsFinite(TargetSpread) && TargetSpread > 0))
        {
            yield return "target_spread: must be finite and > 0";
        }

        for (int t = 0; t < Trees.Length; t++)
        {
            foreach (var problem in Trees[t].Problems(Descriptors.Count))
            {
                yield return $"trees[{t}]: {problem}";
            }
        }
    }
}

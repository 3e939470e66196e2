namespace MesoStream.Trainer.Data;

/// <summary>
/// k folds stratified by target quantile: the rows are ordered by target (ties by index), cut into consecutive blocks
/// of k, and within each block the k fold labels are dealt in a seeded random order. Every fold then holds the same
/// share of each quantile of the target, so the heavy near-percolation tail of τ cannot land in one fold by chance
/// and make that fold's R² meaningless.
/// </summary>
public static class StratifiedFolds
{
    /// <summary>The fold (0…k − 1) of each row.</summary>
    public static int[] Assign(ReadOnlySpan<double> target, int folds, int seed)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(folds, 2);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(folds, target.Length);
        var values = target.ToArray();
        var order = Enumerable.Range(0, values.Length).OrderBy(i => values[i]).ThenBy(i => i).ToArray();
        var random = new Random(seed);
        var labels = Enumerable.Range(0, folds).ToArray();
        var fold = new int[values.Length];
        for (int start = 0; start < order.Length; start += folds)
        {
            random.Shuffle(labels);
            for (int j = 0; j < folds && start + j < order.Length; j++)
            {
                fold[order[start + j]] = labels[j];
            }
        }

        return fold;
    }

    /// <summary>The rows of one fold (held out) and of the others (fitted), both ascending.</summary>
    public static (int[] Train, int[] Test) Split(int[] fold, int held)
    {
        var train = new List<int>(fold.Length);
        var test = new List<int>(fold.Length / 2);
        for (int i = 0; i < fold.Length; i++)
        {
            (fold[i] == held ? test : train).Add(i);
        }

        return ([.. train], [.. test]);
    }
}

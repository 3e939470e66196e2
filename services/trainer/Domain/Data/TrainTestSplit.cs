namespace MesoStream.Trainer.Data;

/// <summary>
/// The seeded 80:20 split of Step 5: a Fisher–Yates shuffle of the row indices with <c>new Random(seed)</c> (the
/// seeded generator's sequence is fixed across .NET versions); the first round(n·testFraction) shuffled rows are the
/// test set. Both index lists are returned ascending so that downstream order does not depend on the shuffle.
/// </summary>
public sealed record TrainTestSplit(int[] TrainRows, int[] TestRows)
{
    public const double DefaultTestFraction = 0.2;

    public static TrainTestSplit Create(int rowCount, int seed, double testFraction = DefaultTestFraction)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(rowCount, 2);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(testFraction);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(testFraction, 1.0);

        var order = Enumerable.Range(0, rowCount).ToArray();
        var random = new Random(seed);
        for (int i = rowCount - 1; i > 0; i--)
        {
            int j = random.Next(i + 1);
            (order[i], order[j]) = (order[j], order[i]);
        }

        int testCount = Math.Clamp((int)Math.Round(rowCount * testFraction), 1, rowCount - 1);
        var test = order[..testCount];
        var train = order[testCount..];
        Array.Sort(test);
        Array.Sort(train);
        return new TrainTestSplit(train, test);
    }
}

namespace MesoStream.Planner.Acquisition;

/// <summary>
/// Picks a batch that is both uncertain and spread out: the <c>shortlist</c> highest-scoring candidates, then greedy
/// max-min (Gonzalez 1985's farthest-point traversal): the best-scoring first, then each time the shortlisted
/// candidate farthest from every one already picked. Without it a batch lands in the one region the model is least
/// sure of, and 50 near-identical structures teach little more than one. Ties go to the higher score, then the lower
/// index, so the batch is a function of its inputs.
/// </summary>
public static class BatchDiversity
{
    /// <returns>Candidate indices in the order picked.</returns>
    public static int[] Pick(IReadOnlyList<double[]> points, IReadOnlyList<double> scores, int batch, int shortlist)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(batch, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(shortlist, batch);
        if (points.Count != scores.Count)
        {
            throw new ArgumentException($"{points.Count} points but {scores.Count} scores");
        }

        var top = Enumerable.Range(0, points.Count)
            .OrderByDescending(i => scores[i]).ThenBy(i => i)
            .Take(shortlist)
            .ToArray();
        var picked = new List<int>(Math.Min(batch, top.Length));
        if (top.Length == 0)
        {
            return [];
        }

        var nearest = new double[top.Length];
        Array.Fill(nearest, double.PositiveInfinity);
        int next = 0;
        while (true)
        {
            picked.Add(top[next]);
            nearest[next] = double.NegativeInfinity;
            if (picked.Count == Math.Min(batch, top.Length))
            {
                return [.. picked];
            }

            next = -1;
            var last = points[picked[^1]];
            for (int k = 0; k < top.Length; k++)
            {
                if (double.IsNegativeInfinity(nearest[k]))
                {
                    continue;
                }

                nearest[k] = Math.Min(nearest[k], DesignSpace.Distance(points[top[k]], last));
                // top is in descending score order, so a strict > keeps the higher score (then lower index) on ties.
                if (next < 0 || nearest[k] > nearest[next])
                {
                    next = k;
                }
            }
        }
    }
}

namespace MesoStream.Predictor.Screening;

/// <summary>One scored candidate design: its tortuosity factor (lower is better) and conductivity (higher is better).</summary>
public sealed record ScreeningPoint(string Id, double Tortuosity, double Conductivity);

/// <summary>
/// The non-dominated designs of paper Fig. 6c: low τ (easy ion transport) and high σ (good electron transport) are
/// both wanted, so a design is on the front when no other has τ ≤ its τ and σ ≥ its σ with one of them strict.
/// </summary>
public static class ParetoFront
{
    /// <summary>The front, by increasing τ (and so increasing σ). Points with a non-finite coordinate never qualify.</summary>
    public static IReadOnlyList<ScreeningPoint> Of(IEnumerable<ScreeningPoint> points)
    {
        var front = new List<ScreeningPoint>();
        var bestConductivity = double.NegativeInfinity;
        foreach (var point in points
            .Where(p => double.IsFinite(p.Tortuosity) && double.IsFinite(p.Conductivity))
            .OrderBy(p => p.Tortuosity).ThenByDescending(p => p.Conductivity))
        {
            // Sorted by τ, a point is dominated exactly when an earlier (lower-τ) point already reached its σ.
            if (point.Conductivity > bestConductivity)
            {
                front.Add(point);
                bestConductivity = point.Conductivity;
            }
        }

        return front;
    }
}

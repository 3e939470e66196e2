using MesoStream.Contracts.Models;

namespace MesoStream.Modelling.Serving;

/// <summary>
/// The forward and inverse maps of a <see cref="TargetTransform"/>, shared by the trainer (which fits in the forward
/// space) and every evaluation of an artifact (which back-transforms), so the two can never disagree.
/// </summary>
public static class TargetTransforms
{
    /// <summary>The largest exponent whose exp is finite, rounded down.</summary>
    public const double MaxExponent = 709;

    /// <summary>Whether every value can enter the transform (ln needs y &gt; 0).</summary>
    public static bool Admits(this TargetTransform transform, ReadOnlySpan<double> values)
    {
        if (transform == TargetTransform.Identity)
        {
            return true;
        }

        foreach (var y in values)
        {
            if (!(y > 0))
            {
                return false;
            }
        }

        return true;
    }

    public static double Forward(this TargetTransform transform, double y) => transform switch
    {
        TargetTransform.Identity => y,
        TargetTransform.Log => Math.Log(y),
        _ => throw new ArgumentOutOfRangeException(nameof(transform), transform, "unknown target transform"),
    };

    /// <summary>
    /// ln's inverse saturates at e^709 (≈ 8e307) instead of overflowing to +∞: a log-space linear model extrapolating
    /// far outside its training ranges gives a huge, finite, extrapolation-flagged answer, as a raw-space one always
    /// did, and +∞ stays reserved for "does not percolate".
    /// </summary>
    public static double Inverse(this TargetTransform transform, double z) => transform switch
    {
        TargetTransform.Identity => z,
        // A non-finite model output (features overflowed) stays a failure (NaN), never exp(−∞) = 0 passing as an answer.
        TargetTransform.Log => double.IsFinite(z) ? Math.Exp(Math.Min(z, MaxExponent)) : double.NaN,
        _ => throw new ArgumentOutOfRangeException(nameof(transform), transform, "unknown target transform"),
    };

    public static double[] Forward(this TargetTransform transform, ReadOnlySpan<double> values)
    {
        var result = new double[values.Length];
        for (int i = 0; i < values.Length; i++)
        {
            result[i] = transform.Forward(values[i]);
        }

        return result;
    }

    public static double[] Inverse(this TargetTransform transform, ReadOnlySpan<double> values)
    {
        var result = new double[values.Length];
        for (int i = 0; i < values.Length; i++)
        {
            result[i] = transform.Inverse(values[i]);
        }

        return result;
    }

    /// <summary>
    /// The raw-scale interval around a model output in the model's space <paramref name="transform"/>: the prediction
    /// is taken to the interval's space S, z = S(ŷ), and the interval is [S⁻¹(z − h), S⁻¹(z + h)] (a monotone inverse
    /// keeps the conformal coverage). In ln space a raw prediction ≤ 0 has no interval but the point 0.
    /// </summary>
    public static (double Low, double High) Bounds(this ConformalInterval interval, TargetTransform transform, double predictedTransformed)
    {
        if (interval.Space == transform)
        {
            return (transform.Inverse(predictedTransformed - interval.HalfWidth), transform.Inverse(predictedTransformed + interval.HalfWidth));
        }

        double raw = transform.Inverse(predictedTransformed);
        if (interval.Space == TargetTransform.Log && !(raw > 0))
        {
            return (0, 0);
        }

        double center = interval.Space.Forward(raw);
        return (interval.Space.Inverse(center - interval.HalfWidth), interval.Space.Inverse(center + interval.HalfWidth));
    }

    /// <summary>
    /// <see cref="Bounds"/> of an effective property: every one is non-negative (<c>EffectiveProperty.Range</c>), so a
    /// raw-space interval is clipped at 0 — no true value lies below, no coverage is lost.
    /// </summary>
    public static (double Low, double High) PropertyBounds(this ConformalInterval interval, TargetTransform transform, double predictedTransformed)
    {
        var (low, high) = interval.Bounds(transform, predictedTransformed);
        return (Math.Max(0, low), high);
    }
}

namespace MesoStream.Trainer.Data;

/// <summary>Mean and population standard deviation of a set of scores (k-fold R², learning-curve repeats).</summary>
public static class Spread
{
    public static (double Mean, double Sd) Of(IReadOnlyCollection<double> values)
    {
        double mean = values.Average();
        return (mean, Math.Sqrt(values.Average(v => (v - mean) * (v - mean))));
    }
}

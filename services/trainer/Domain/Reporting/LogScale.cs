using ScottPlot;
using ScottPlot.TickGenerators;

namespace MesoStream.Trainer.Reporting;

/// <summary>
/// A logarithmic axis for ScottPlot 5, which plots linear coordinates: the caller plots log10 of the values and this
/// labels the axis with the values (decades as major ticks, 2…9 as minor ticks). τ spans 1 to several hundred, so on a
/// linear axis the Bruggeman curves near τ ≈ 1–5 are invisible (paper Fig. 3 uses a log axis).
/// </summary>
public static class LogScale
{
    public static double[] Of(IEnumerable<double> values) => [.. values.Select(Math.Log10)];

    public static void Apply(IAxis axis)
    {
        axis.TickGenerator = new NumericAutomatic
        {
            MinorTickGenerator = new LogMinorTickGenerator(),
            IntegerTicksOnly = true,
            LabelFormatter = exponent => Math.Pow(10, exponent).ToString("G4", System.Globalization.CultureInfo.InvariantCulture),
        };
    }
}

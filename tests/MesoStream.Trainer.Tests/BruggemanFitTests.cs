using MesoStream.Trainer.Metrics;

namespace MesoStream.Trainer.Tests;

public sealed class BruggemanFitTests
{
    [Fact]
    public void AnExactPowerLawGivesItsExponentWithNoError()
    {
        var points = new[] { 0.3, 0.35, 0.42, 0.5, 0.61 }.Select(e => (e, Math.Pow(e, -1.2)));
        var fit = BruggemanFit.Fit(points)!;

        Assert.Equal(1.2, fit.Exponent, 12);
        Assert.Equal(0, fit.StandardError, 9);
        Assert.Equal(5, fit.Points);
    }

    [Fact]
    public void LowPorositiesAndNonPercolatingDirectionsAreLeftOut()
    {
        // Below ε = 0.3 τ leaves the power law (here: 50× above it); τ = ∞ marks a direction that does not percolate.
        var points = new[] { (0.32, Math.Pow(0.32, -0.9)), (0.4, Math.Pow(0.4, -0.9)), (0.55, Math.Pow(0.55, -0.9)), (0.2, 50 * Math.Pow(0.2, -0.9)), (0.45, double.PositiveInfinity) };
        var fit = BruggemanFit.Fit(points)!;

        Assert.Equal(0.9, fit.Exponent, 12);
        Assert.Equal(3, fit.Points);
        Assert.Equal(4, BruggemanFit.Fit(points.Take(4), minPorosity: 0)!.Points);
    }

    [Fact]
    public void ScatterAboutTheLawGivesAStandardErrorThatShrinksWithMorePoints()
    {
        var random = new Random(5);
        IEnumerable<(double, double)> Noisy(int n) => Enumerable.Range(0, n).Select(_ =>
        {
            double e = 0.3 + (0.3 * random.NextDouble());
            return (e, Math.Pow(e, -1.25) * Math.Exp(0.05 * ((2 * random.NextDouble()) - 1)));
        });

        var few = BruggemanFit.Fit(Noisy(20))!;
        var many = BruggemanFit.Fit(Noisy(2000))!;

        Assert.InRange(few.Exponent, 1.25 - (4 * few.StandardError), 1.25 + (4 * few.StandardError));
        Assert.InRange(many.Exponent, 1.25 - 0.02, 1.25 + 0.02);
        Assert.True(many.StandardError < few.StandardError / 5, $"{many.StandardError} vs {few.StandardError}");
    }

    [Fact]
    public void FewerThanThreeUsablePointsGiveNoFit() =>
        Assert.Null(BruggemanFit.Fit([(0.4, 2.0), (0.5, 1.8), (0.1, 9.0)]));
}

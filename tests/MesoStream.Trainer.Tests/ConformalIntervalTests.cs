using MesoStream.Contracts.Models;
using MesoStream.Trainer.Metrics;
using MesoStream.Trainer.Workflow;

namespace MesoStream.Trainer.Tests;

public sealed class ConformalIntervalTests
{
    [Fact]
    public void TheHalfWidthIsTheConformalOrderStatistic()
    {
        // n = 9 residuals 1…9 at level 0.8: ⌈10·0.8⌉ = 8th smallest.
        double[] truth = [1, 2, 3, 4, 5, 6, 7, 8, 9];
        var interval = SplitConformal.Calibrate(truth, new double[9], 0.8);
        Assert.Equal(8, interval.HalfWidth);
        Assert.Equal(9, interval.CalibrationRows);
    }

    [Fact]
    public void WithKnownGaussianNoiseNinetyPercentIntervalsCoverNinetyPercentOfNewRows()
    {
        // y = f(x) + N(0, 1): the ideal 90 % half-width is 1.645; calibrated on 2000 residuals of the true f, the
        // coverage of 20,000 fresh rows must be 90 % within sampling error (±1 % is > 4 sd of the binomial).
        var random = new Random(11);
        double[] Noise(int n) => [.. Enumerable.Range(0, n).Select(_ => Synthetic.Normal(random))];
        var interval = SplitConformal.Calibrate(Noise(2000), new double[2000], 0.9);
        Assert.InRange(interval.HalfWidth, 1.55, 1.75);
        double coverage = SplitConformal.Coverage(interval, TargetTransform.Identity, Noise(20000), new double[20000]);
        Assert.InRange(coverage, 0.88, 0.92);
    }

    [Fact]
    public void TheWorkflowsIntervalCoversHeldOutRowsAtTheNominalLevel()
    {
        // Multiplicative 10 % noise on a smooth positive target: the served model's cross-conformal interval, from
        // out-of-fold residuals on the training rows only, is scored on the test rows it never saw.
        var rows = Synthetic.Uniform(1500, 4, seed: 21);
        var random = new Random(22);
        var y = rows.Select(x => Math.Exp(x[0] + x[1]) * (1 + (0.1 * Synthetic.Normal(random)))).Select(v => Math.Max(v, 0.05)).ToArray();
        var result = TargetWorkflow.Run(rows, ["a", "b", "c", "d"], y, new WorkflowOptions { Models = [ModelKind.Ridge, ModelKind.Linear] });

        Assert.Equal(0.9, result.Coverage!.Level);
        Assert.InRange(result.Coverage.TestCoverage, 0.85, 0.95);
    }
}

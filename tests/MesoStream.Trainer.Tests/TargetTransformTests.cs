using MesoStream.Contracts.Models;
using MesoStream.Modelling.Serving;
using MesoStream.Trainer.Workflow;

namespace MesoStream.Trainer.Tests;

public sealed class TargetTransformTests
{
    [Theory]
    [InlineData(1.2827802037404257)]
    [InlineData(4.422403072435212)]
    [InlineData(711.5870685298588)]
    [InlineData(1e-6)]
    public void TheLogTransformIsUndoneWithinRounding(double tau)
    {
        // exp(ln y) is not y in every bit for every y (ln y is rounded, and exp amplifies that by |ln y|); what must hold
        // is that the back-transform inverts the forward map within a few roundings, and that identity is exact.
        double back = TargetTransform.Log.Inverse(TargetTransform.Log.Forward(tau));
        Assert.Equal(tau, back, tau * 1e-14);
        Assert.Equal(tau, TargetTransform.Identity.Inverse(TargetTransform.Identity.Forward(tau)));
    }

    [Fact]
    public void A_property_interval_in_raw_space_is_clipped_at_zero_and_in_log_space_is_multiplicative()
    {
        var interval = new ConformalInterval(0.9, HalfWidth: 3, CalibrationRows: 100);

        Assert.Equal((-2.0, 4.0), interval.Bounds(TargetTransform.Identity, 1.0));
        Assert.Equal((0.0, 4.0), interval.PropertyBounds(TargetTransform.Identity, 1.0));
        var relative = interval with { Space = TargetTransform.Log };
        var (low, high) = relative.PropertyBounds(TargetTransform.Log, Math.Log(2.0));
        Assert.Equal(2.0 * Math.Exp(-3), low, 12);
        Assert.Equal(2.0 * Math.Exp(3), high, 12);
    }

    [Fact]
    public void An_interval_lies_in_its_own_space_whatever_space_the_model_predicts_in()
    {
        var relative = new ConformalInterval(0.9, HalfWidth: 0.5, CalibrationRows: 100) { Space = TargetTransform.Log };

        // A raw-space model's τ̂ = 3 gets the multiplicative band 3·e^(±0.5).
        var (low, high) = relative.Bounds(TargetTransform.Identity, 3.0);
        Assert.Equal(3.0 * Math.Exp(-0.5), low, 12);
        Assert.Equal(3.0 * Math.Exp(0.5), high, 12);
        // A raw prediction ≤ 0 has no ln: the interval shrinks to the point 0.
        Assert.Equal((0.0, 0.0), relative.PropertyBounds(TargetTransform.Identity, -0.2));
        // A log-space model with a raw-space interval: ŷ = e^z ± h.
        var absolute = new ConformalInterval(0.9, HalfWidth: 1, CalibrationRows: 100);
        var (rawLow, rawHigh) = absolute.Bounds(TargetTransform.Log, Math.Log(3.0));
        Assert.Equal(2.0, rawLow, 12);
        Assert.Equal(4.0, rawHigh, 12);
    }

    [Fact]
    public void LogIsOnlyAdmittedForPositiveTargets()
    {
        Assert.True(TargetTransform.Log.Admits([1.0, 2.0]));
        Assert.False(TargetTransform.Log.Admits([1.0, 0.0]));
        Assert.False(TargetTransform.Log.Admits([1.0, -1.0]));
        Assert.True(TargetTransform.Identity.Admits([-1.0]));
    }

    [Fact]
    public void AMultiplicativeTargetIsLearnedInLogSpaceAndServedBackTransformed()
    {
        // y = exp(2·x0 − x1 + 0.5·x2): linear in ln y, strongly curved in y — cross-validation must choose the log.
        var rows = Synthetic.Uniform(400, 4, seed: 3);
        var random = new Random(4);
        var y = rows.Select(x => Math.Exp((4 * x[0]) - (2 * x[1]) + x[2] + (0.01 * Synthetic.Normal(random)))).ToArray();
        var training = TargetWorkflow.Train(rows, ["a", "b", "c", "d"], y, new WorkflowOptions { Models = [ModelKind.Linear] });

        var linear = training.Served();
        Assert.Equal(TargetTransform.Log, linear.Transform);
        Assert.True(training.Result.TransformSelection![TargetTransform.Log] > training.Result.TransformSelection[TargetTransform.Identity]);
        Assert.True(training.Result.Models[0].Metrics.TestR2 > 0.99, training.Result.Models[0].ToString());
        // The test predictions are exp of the fitted log-model's output, bit for bit.
        var test = training.TestRows.Select(i => rows[i]).ToArray();
        Assert.Equal(linear.Model.Predict(test).Select(Math.Exp), linear.TestPredictions);
    }
}

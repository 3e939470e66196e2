using MesoStream.Modelling.Serving;
using MesoStream.Contracts.Models;
using MesoStream.Trainer.Workflow;

namespace MesoStream.Trainer.Tests;

public sealed class ServingModelTests
{
    [Theory]
    [InlineData(ModelKind.Linear)]
    [InlineData(ModelKind.Lasso)]
    [InlineData(ModelKind.Ridge)]
    [InlineData(ModelKind.ElasticNet)]
    [InlineData(ModelKind.DecisionTree)]
    [InlineData(ModelKind.AdaBoost)]
    public void OurModelsServeExactlyWhatTheyPredict(ModelKind kind)
    {
        var rows = Synthetic.Uniform(300, 4, 11);
        var target = Synthetic.Smooth(rows, 0.05, 12);
        var model = ModelCatalog.Create(kind, seed: 3);
        model.Fit(rows, target);

        var serving = model.ToServingModel();
        var expected = model.Predict(rows);
        Assert.Empty(serving.Problems(4));
        for (int i = 0; i < rows.Length; i++)
        {
            Assert.Equal(expected[i], serving.Predict(rows[i]));
        }
    }

    [Fact]
    public void FastTreeEnsembleCopiedOutOfMlNetPredictsWhatMlNetPredicts()
    {
        var rows = Synthetic.Uniform(400, 5, 21);
        var target = Synthetic.Smooth(rows, 0.05, 22);
        var model = ModelCatalog.Create(ModelKind.GradientBoosting, seed: 3);
        model.Fit(rows, target);

        var serving = model.ToServingModel();
        var expected = model.Predict(rows);
        Assert.Empty(serving.Problems(5));
        double spread = target.Max() - target.Min();
        for (int i = 0; i < rows.Length; i++)
        {
            // ML.NET returns the score as a float; the copy sums in double.
            Assert.Equal(expected[i], serving.Predict(rows[i]), 1e-6 * spread);
        }
    }

    [Fact]
    public void FastTreeOnTooFewRowsToSplitServesItsBiasAndTheArtifactStaysValid()
    {
        var rows = Synthetic.Uniform(9, 3, 41);
        var target = Synthetic.Smooth(rows, 0.05, 42);
        var model = ModelCatalog.Create(ModelKind.GradientBoosting, seed: 3);
        model.Fit(rows, target);

        var serving = model.ToServingModel();
        Assert.Empty(serving.Problems(3));
        Assert.Equal(model.Predict(rows), [.. rows.Select(row => serving.Predict(row))], (a, b) => Math.Abs(a - b) <= 1e-6 * Math.Max(1, Math.Abs(a)));
    }

    [Fact]
    public void TreeWhoseChildPointsBackwardsIsRefused()
    {
        var tree = new RegressionTreeNodes
        {
            Feature = [0, -1, -1],
            Threshold = [0.5, 0, 0],
            Left = [0, -1, -1],
            Right = [2, -1, -1],
            Value = [0, 1, 2],
        };

        Assert.Contains(tree.Problems(1), p => p.Contains("children 0, 2"));
    }
}

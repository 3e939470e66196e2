using MesoStream.Contracts.Models;
using MesoStream.Contracts.Vocabulary;
using MesoStream.Trainer.Data;
using MesoStream.Trainer.Models;

namespace MesoStream.Trainer.Workflow;

/// <summary>A tortuosity's percolation classifier and its report.</summary>
public sealed record PercolationTraining(PercolationClassifier Classifier, PercolationReport Report)
{
    /// <summary>Fewer non-percolating (or percolating) training rows than this leave the classifier out: P would be a guess.</summary>
    public const int MinimumPerClass = 5;

    /// <summary>
    /// The classifier's features, as featurizer columns: each descriptor d as d (d^0.5·d^0.5), d² and 1/d
    /// (d^-0.5·d^-0.5). Percolation is a threshold in porosity and shape (the pore network breaks up as v_AM + v_s
    /// grows), which a logistic model in these terms resolves; the 600 regression features would only over-fit the
    /// few non-percolating rows.
    /// </summary>
    public static IReadOnlyList<string> FeatureNamesUsed { get; } =
        [.. Enumerable.Range(0, Descriptors.Count).SelectMany(d =>
        {
            string Base(int t) => FeatureNames.Base[(d * FeatureNames.TransformCount) + t];
            return new[] { Base(2) + "*" + Base(2), Base(0) + "*" + Base(0), Base(3) + "*" + Base(3) };
        })];

    /// <summary>
    /// Rows whose target is +∞ (no pore path along the direction; NaN rows are left out) against finite ones: a
    /// logistic regression fitted on the workflow's 80:20 training part, scored (accuracy, Brier score) once on the
    /// test part. Null when either class has fewer than <see cref="MinimumPerClass"/> training rows.
    /// </summary>
    public static PercolationTraining? Train(double[][] features, double[] target, WorkflowOptions options)
    {
        var rows = Enumerable.Range(0, target.Length).Where(i => !double.IsNaN(target[i])).ToArray();
        var split = TrainTestSplit.Create(rows.Length, options.Seed, options.TestFraction);
        var columns = FeatureNamesUsed.Select(FeatureNames.ColumnOf).ToArray();
        var trainIndex = split.TrainRows.Select(k => rows[k]).ToArray();
        var testIndex = split.TestRows.Select(k => rows[k]).ToArray();
        var trainLabels = trainIndex.Select(i => double.IsFinite(target[i])).ToArray();
        int blocked = trainLabels.Count(l => !l);
        if (blocked < MinimumPerClass || trainLabels.Length - blocked < MinimumPerClass)
        {
            return null;
        }

        var classifier = new LogisticRegression();
        classifier.Fit(Rows.Select(features, trainIndex, columns), trainLabels);
        var probabilities = classifier.Probabilities(Rows.Select(features, testIndex, columns));
        var testLabels = testIndex.Select(i => double.IsFinite(target[i])).ToArray();
        double accuracy = probabilities.Where((p, i) => (p >= 0.5) == testLabels[i]).Count() / (double)testLabels.Length;
        double brier = probabilities.Select((p, i) => (p - (testLabels[i] ? 1 : 0)) * (p - (testLabels[i] ? 1 : 0))).Average();
        var serving = new PercolationClassifier
        {
            Features = FeatureNamesUsed,
            Logit = new LinearServingModel { Weights = classifier.Weights, Intercept = classifier.Intercept },
        };
        return new PercolationTraining(serving, new PercolationReport(rows.Length, rows.Count(i => !double.IsFinite(target[i])), accuracy, brier, testLabels.Length));
    }
}

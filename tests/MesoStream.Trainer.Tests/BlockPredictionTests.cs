using MesoStream.Modelling.Featurization;
using MesoStream.Modelling.Serving;
using MesoStream.Contracts.Models;
using MesoStream.Trainer.Benchmarking;
using MesoStream.Trainer.Workflow;

namespace MesoStream.Trainer.Tests;

/// <summary>
/// Batch prediction (a <see cref="FeatureBlock"/> at a time, trees evaluated by <see cref="LeafBitvectorForest"/> or
/// <see cref="FlatForest"/>) must give the same bits as the reference walk of <see cref="RegressionTreeNodes.Evaluate"/>
/// row by row: the predictor answers one row and a batch through different code and promises the same answer.
/// </summary>
public sealed class BlockPredictionTests
{
    [Theory]
    [InlineData(1, 2)]
    [InlineData(7, 20)]
    [InlineData(3, 32)]
    [InlineData(11, 33)]
    [InlineData(13, 64)]
    public void EveryBlockEvaluatorReturnsTheReferenceLeafOnRandomTrees(int seed, int leaves)
    {
        const int features = 6;
        var random = new Random(seed);
        var trees = Enumerable.Range(0, 25).Select(_ => RandomTree(random, leaves, features, floatThresholds: false)).ToArray();
        var rows = RowsProbingThresholds(random, trees, features, 45);
        var weights = trees.Select(_ => random.NextDouble() - 0.5).ToArray();

        var bitvector = LeafBitvectorForest<double, ulong>.TryBuild(trees, null, singlePrecisionSplits: false);
        Assert.NotNull(bitvector);
        AssertSameLeaves(bitvector, trees, rows, features, singlePrecision: false);
        AssertSameLeaves(FlatForest.Build(trees, null, singlePrecisionSplits: false), trees, rows, features, singlePrecision: false);
        AssertSameSums(LeafBitvectorForest<double, ulong>.TryBuild(trees, weights, singlePrecisionSplits: false)!, trees, weights, rows, features, singlePrecision: false);
        AssertSameSums(FlatForest.Build(trees, weights, singlePrecisionSplits: false), trees, weights, rows, features, singlePrecision: false);
        Assert.Null(LeafBitvectorForest<float, uint>.TryBuild(trees, null, singlePrecisionSplits: true));
    }

    [Theory]
    [InlineData(17, 20)]
    [InlineData(19, 32)]
    public void FloatLanesServeFastTreeStyleTreesExactly(int seed, int leaves)
    {
        const int features = 6;
        var random = new Random(seed);
        var trees = Enumerable.Range(0, 25).Select(_ => RandomTree(random, leaves, features, floatThresholds: true)).ToArray();
        var rows = RowsProbingThresholds(random, trees, features, 70);
        var weights = trees.Select(_ => random.NextDouble() - 0.5).ToArray();

        var single = LeafBitvectorForest<float, uint>.TryBuild(trees, null, singlePrecisionSplits: true);
        Assert.NotNull(single);
        Assert.Equal(FeaturePrecision.Single, single.Precision);
        AssertSameLeaves(single, trees, rows, features, singlePrecision: true);
        AssertSameSums(LeafBitvectorForest<float, uint>.TryBuild(trees, weights, singlePrecisionSplits: true)!, trees, weights, rows, features, singlePrecision: true);
        AssertSameLeaves(LeafBitvectorForest<double, ulong>.TryBuild(trees, null, singlePrecisionSplits: true)!, trees, rows, features, singlePrecision: true);
        AssertSameLeaves(FlatForest.Build(trees, null, singlePrecisionSplits: true), trees, rows, features, singlePrecision: true);
    }

    [Fact]
    public void TreesOverSixtyFourLeavesFallBackToTheFlatWalk()
    {
        const int features = 5;
        var random = new Random(5);
        var trees = Enumerable.Range(0, 6).Select(_ => RandomTree(random, 200, features, floatThresholds: false)).ToArray();
        var rows = RowsProbingThresholds(random, trees, features, 70);

        Assert.Null(LeafBitvectorForest<double, ulong>.TryBuild(trees, null, singlePrecisionSplits: false));
        AssertSameLeaves(FlatForest.Build(trees, null, singlePrecisionSplits: false), trees, rows, features, singlePrecision: false);
    }

    [Theory]
    [InlineData(ModelKind.Ridge)]
    [InlineData(ModelKind.DecisionTree)]
    [InlineData(ModelKind.AdaBoost)]
    [InlineData(ModelKind.GradientBoosting)]
    public void EveryModelKindPredictsABlockBitForBitLikeRowByRow(ModelKind kind)
    {
        var rows = Synthetic.Uniform(300, 4, 31);
        var target = Synthetic.Smooth(rows, 0.05, 32);
        var model = ModelCatalog.Create(kind, seed: 3);
        model.Fit(rows, target);
        var serving = model.ToServingModel();

        // Near the splits too: FastTree compares in float, so a value one double-ulp off its threshold must round alike.
        var probes = serving is TreeEnsembleServingModel { Trees.Length: > 0 } ensemble
            ? RowsProbingThresholds(new Random(33), ensemble.Trees, 4, FeatureBlock.Capacity - 3)
            : Synthetic.Uniform(FeatureBlock.Capacity - 3, 4, 33);
        var compiled = BlockModel.Compile(serving);
        var block = Block(probes, 4, compiled.Precision);
        var output = new double[FeatureBlock.Capacity];
        compiled.PredictBlock(block, output);

        for (int r = 0; r < probes.Length; r++)
        {
            Assert.Equal(serving.Predict(probes[r]), output[r]);
        }
    }

    [Fact]
    public void AnArtifactPredictsABatchBitForBitLikeOneRowAtATimeAndLikeTheReferenceWalk()
    {
        var artifact = DatasetTraining.Run(SyntheticDataset.Create(200, seed: 6), ["tau_x", "sigma_y", "a12"],
            new WorkflowOptions { Seed = 4, Models = [ModelKind.Ridge, ModelKind.AdaBoost, ModelKind.GradientBoosting] },
            version: 2, createdUtc: DateTimeOffset.UnixEpoch).Artifact;
        var rows = SyntheticDataset.Create(2 * FeatureBlock.Capacity + 7, seed: 61).Select(r => r.Descriptors()).ToArray();

        var batch = artifact.Predict(rows);

        Assert.Equal(rows.Length, batch.Length);
        for (int r = 0; r < rows.Length; r++)
        {
            var one = artifact.Predict(rows[r]);
            Assert.Equal(one.Properties, batch[r].Properties);
            Assert.Equal(one.OutOfRange, batch[r].OutOfRange);
            Assert.Equal(2, batch[r].ModelVersion);

            // The reference: all 4950 features, each target's columns gathered, its model walked row by row.
            var features = Featurizer.Featurize(rows[r]);
            foreach (var target in artifact.Targets)
            {
                var selected = target.FeatureColumns.Select(c => features[c]).ToArray();
                Assert.Equal(target.Transform.Inverse(target.Predictor.Predict(selected)), batch[r].Properties[target.Target]);
            }
        }
    }

    private static void AssertSameLeaves(ITreeBlockEvaluator evaluator, RegressionTreeNodes[] trees, double[][] rows, int features, bool singlePrecision)
    {
        var leaves = new double[FeatureBlock.Capacity];
        foreach (var chunk in rows.Chunk(FeatureBlock.Capacity))
        {
            var block = Block(chunk, features, evaluator.Precision);
            for (int t = 0; t < trees.Length; t++)
            {
                evaluator.Evaluate(t, block, leaves);
                for (int r = 0; r < chunk.Length; r++)
                {
                    Assert.Equal(trees[t].Evaluate(chunk[r], singlePrecision), leaves[r]);
                }
            }
        }
    }

    /// <summary>The evaluator was built with <paramref name="weights"/> as leaf scales: its sums are the weighted sums of the reference walk, in tree order.</summary>
    private static void AssertSameSums(ITreeBlockEvaluator evaluator, RegressionTreeNodes[] trees, double[] weights, double[][] rows, int features, bool singlePrecision)
    {
        foreach (var chunk in rows.Chunk(FeatureBlock.Capacity))
        {
            var sums = new double[FeatureBlock.Capacity];
            evaluator.AddLeaves(Block(chunk, features, evaluator.Precision), sums);
            for (int r = 0; r < chunk.Length; r++)
            {
                double expected = 0;
                for (int t = 0; t < trees.Length; t++)
                {
                    expected += weights[t] * trees[t].Evaluate(chunk[r], singlePrecision);
                }

                Assert.Equal(expected, sums[r]);
            }
        }
    }

    /// <summary>A block holding <paramref name="rows"/> as they are: feature j is base feature j times a base feature of 1.</summary>
    private static FeatureBlock Block(double[][] rows, int features, FeaturePrecision precision)
    {
        var baseFeatures = new double[(features + 1) * FeatureBlock.Capacity];
        for (int r = 0; r < rows.Length; r++)
        {
            for (int j = 0; j < features; j++)
            {
                baseFeatures[(j * FeatureBlock.Capacity) + r] = rows[r][j];
            }

            baseFeatures[(features * FeatureBlock.Capacity) + r] = 1.0;
        }

        var block = new FeatureBlock(features);
        block.Fill(baseFeatures, rows.Length, [.. Enumerable.Range(0, features)], [.. Enumerable.Repeat(features, features)], precision);
        return block;
    }

    /// <summary>
    /// A random binary tree with <paramref name="leaves"/> leaves, children numbered after their parent as the
    /// serving form requires, thresholds in (0, 1) (floats, as FastTree's, when <paramref name="floatThresholds"/>).
    /// </summary>
    private static RegressionTreeNodes RandomTree(Random random, int leaves, int features, bool floatThresholds)
    {
        var feature = new List<int> { -1 };
        var threshold = new List<double> { 0 };
        var left = new List<int> { -1 };
        var right = new List<int> { -1 };
        var value = new List<double> { random.NextDouble() };
        var open = new List<int> { 0 };
        while (open.Count < leaves)
        {
            int pick = random.Next(open.Count), node = open[pick];
            open.RemoveAt(pick);
            feature[node] = random.Next(features);
            threshold[node] = floatThresholds ? random.NextSingle() : random.NextDouble();
            left[node] = feature.Count;
            right[node] = feature.Count + 1;
            for (int child = 0; child < 2; child++)
            {
                open.Add(feature.Count);
                feature.Add(-1);
                threshold.Add(0);
                left.Add(-1);
                right.Add(-1);
                value.Add(random.NextDouble());
            }
        }

        return new RegressionTreeNodes
        {
            Feature = [.. feature], Threshold = [.. threshold], Left = [.. left], Right = [.. right], Value = [.. value],
        };
    }

    /// <summary>
    /// Uniform rows, each with one feature set exactly on a tree threshold, one double-ulp either side of it (which
    /// rounds back onto a float threshold), one float-ulp above it, or NaN (which goes right).
    /// </summary>
    private static double[][] RowsProbingThresholds(Random random, RegressionTreeNodes[] trees, int features, int count)
    {
        var thresholds = trees.SelectMany(t => t.Feature.Select((f, i) => (f, t.Threshold[i]))).Where(s => s.f >= 0).ToArray();
        return [.. Enumerable.Range(0, count).Select(r =>
        {
            var row = Enumerable.Range(0, features).Select(_ => random.NextDouble()).ToArray();
            var (feature, threshold) = thresholds[random.Next(thresholds.Length)];
            row[feature] = (r % 5) switch
            {
                0 => threshold,
                1 => Math.BitIncrement(threshold),
                2 => Math.BitDecrement(threshold),
                3 => MathF.BitIncrement((float)threshold),
                _ => double.NaN,
            };
            return row;
        })];
    }
}

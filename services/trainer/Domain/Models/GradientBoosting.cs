using MesoStream.Contracts.Models;
using Microsoft.ML;
using Microsoft.ML.Data;
using Microsoft.ML.Trainers.FastTree;

namespace MesoStream.Trainer.Models;

/// <summary>
/// Gradient-boosted regression trees with ML.NET FastTree (Friedman's MART). The defaults (300 trees of at most 20
/// leaves, ≥ 10 rows per leaf, learning rate 0.1, every feature per tree) are only the starting point: the workflow
/// chooses leaves, minimum leaf size, feature subsampling and — by early stopping on <see cref="StagedPredictions"/> —
/// the number of trees by inner cross-validation (<c>Tuning.ModelGrid</c>). 255 bins per feature; <c>new MLContext(seed)</c>
/// and the FastTree seed are both <c>seed</c>. Features travel as one float vector column (ML.NET's native precision).
/// <para>
/// Threads: FastTree's thread count is process-wide — its <c>ThreadTaskManager</c> is static and keeps the first
/// trainer's <c>NumberOfThreads</c> — and with 1 it runs every feature's split search as its own <c>Task.Run(…).Wait()</c>,
/// a thread-pool round trip per feature per leaf. On 3,000 rows × 406 features that made a 300-tree fit 3× slower
/// (10.3 s against 3.4 s) whatever later fits asked for. So every fit asks for all cores; the split search is
/// per feature and reduced in feature order, so the trees are identical for any thread count (checked: same
/// predictions with 1 and 2 threads).
/// </para>
/// </summary>
public sealed class GradientBoosting(int seed = 42, int trees = 300, int leaves = 20, int minLeaf = 10, double learningRate = 0.1, double featureFraction = 1.0)
    : IRegressionModel
{
    private readonly MLContext _ml = new(seed);
    private RegressionPredictionTransformer<FastTreeRegressionModelParameters>? _model;
    private int _featureCount;

    public string Name => "gradient-boosting";

    public void Fit(double[][] rows, double[] target)
    {
        if (rows.Length != target.Length)
        {
            throw new ArgumentException($"{rows.Length} rows but {target.Length} targets", nameof(target));
        }

        _featureCount = Data.Rows.FeatureCount(rows);
        var trainer = _ml.Regression.Trainers.FastTree(new FastTreeRegressionTrainer.Options
        {
            LabelColumnName = nameof(Example.Label),
            FeatureColumnName = nameof(Example.Features),
            NumberOfTrees = trees,
            NumberOfLeaves = leaves,
            MinimumExampleCountPerLeaf = minLeaf,
            LearningRate = learningRate,
            Seed = seed,
            NumberOfThreads = Environment.ProcessorCount,
            FeatureFraction = featureFraction,
        });
        _model = trainer.Fit(Load(rows, target));
    }

    public double[] Predict(double[][] rows)
    {
        var model = _model ?? throw new InvalidOperationException($"{Name} is not fitted");
        var scored = model.Transform(Load(rows, new double[rows.Length]));
        return [.. scored.GetColumn<float>("Score").Select(s => (double)s)];
    }

    /// <summary>
    /// The prediction after each tree: <c>result[t][i]</c> is bias + Σ_{s ≤ t} w_s·tree_s(x_i), so one fit scores every
    /// tree count (early stopping: the count with the lowest held-out error is chosen without refitting).
    /// </summary>
    public double[][] StagedPredictions(double[][] rows)
    {
        var ensemble = (Contracts.Models.TreeEnsembleServingModel)ToServingModel();
        var staged = new double[ensemble.Trees.Length][];
        var running = new double[rows.Length];
        Array.Fill(running, ensemble.Bias);
        for (int t = 0; t < ensemble.Trees.Length; t++)
        {
            var tree = ensemble.Trees[t];
            double weight = ensemble.Weights[t];
            for (int i = 0; i < rows.Length; i++)
            {
                running[i] += weight * Modelling.Serving.ServingModelEvaluation.Evaluate(tree, rows[i], singlePrecision: true);
            }

            staged[t] = (double[])running.Clone();
        }

        return staged;
    }

    /// <summary>
    /// The boosted ensemble copied out of ML.NET: bias + Σ weight·tree, each tree re-numbered depth-first so children
    /// follow their parent. ML.NET marks a leaf child as the bitwise complement of the leaf index and sends x ≤ threshold
    /// to the left ("LTE") child; splits compare float features, hence <c>SinglePrecisionSplits</c>.
    /// </summary>
    public Contracts.Models.ServingModel ToServingModel()
    {
        var ensemble = (_model ?? throw new InvalidOperationException($"{Name} is not fitted")).Model.TrainedTreeEnsemble;
        return new Contracts.Models.TreeEnsembleServingModel
        {
            Trees = [.. ensemble.Trees.Select(ToNodes)],
            Weights = [.. ensemble.TreeWeights],
            Bias = ensemble.Bias,
            Combination = Contracts.Models.TreeCombination.WeightedSum,
            SinglePrecisionSplits = true,
        };
    }

    private static Contracts.Models.RegressionTreeNodes ToNodes(RegressionTree tree)
    {
        if (tree.CategoricalSplitFlags.Any(flag => flag))
        {
            throw new NotSupportedException("FastTree produced a categorical split; only numerical features are trained here");
        }

        var feature = new List<int>();
        var threshold = new List<double>();
        var left = new List<int>();
        var right = new List<int>();
        var value = new List<double>();

        int Add(int child)
        {
            int index = feature.Count;
            feature.Add(-1);
            threshold.Add(0);
            left.Add(-1);
            right.Add(-1);
            if (child < 0)
            {
                value.Add(tree.LeafValues[~child]);
                return index;
            }

            value.Add(0);
            feature[index] = tree.NumericalSplitFeatureIndexes[child];
            threshold[index] = tree.NumericalSplitThresholds[child];
            left[index] = Add(tree.LeftChild[child]);
            right[index] = Add(tree.RightChild[child]);
            return index;
        }

        Add(tree.NumberOfNodes == 0 ? ~0 : 0);
        return new Contracts.Models.RegressionTreeNodes
        {
            Feature = [.. feature],
            Threshold = [.. threshold],
            Left = [.. left],
            Right = [.. right],
            Value = [.. value],
        };
    }

    /// <summary>
    /// FastTree's split-gain importance per feature (<c>GetFeatureWeights</c>: cumulative gain, sqrt-normalised), in
    /// the order of the columns given to <see cref="Fit"/>.
    /// </summary>
    public double[] FeatureImportances()
    {
        var model = _model ?? throw new InvalidOperationException($"{Name} is not fitted");
        VBuffer<float> weights = default;
        model.Model.GetFeatureWeights(ref weights);
        var dense = new double[_featureCount];
        foreach (var (index, value) in weights.Items())
        {
            dense[index] = value;
        }

        return dense;
    }

    private IDataView Load(double[][] rows, double[] target)
    {
        var schema = SchemaDefinition.Create(typeof(Example));
        schema[nameof(Example.Features)].ColumnType = new VectorDataViewType(NumberDataViewType.Single, _featureCount);
        var examples = rows.Select((row, i) => new Example
        {
            Label = (float)target[i],
            Features = [.. row.Select(x => (float)x)],
        });
        return _ml.Data.LoadFromEnumerable(examples.ToList(), schema);
    }

    private sealed class Example
    {
        public float Label { get; set; }

        public float[] Features { get; set; } = [];
    }
}

using Microsoft.ML;
using Microsoft.ML.Data;
using Microsoft.ML.Trainers.FastTree;

namespace MesoStream.Trainer.Models;

/// <summary>
/// Gradient-boosted regression trees with ML.NET FastTree (Friedman's MART). Fixed hyper-parameters: 300 trees of at
/// most 20 leaves, ≥ 10 rows per leaf, learning rate 0.1, 255 bins per feature; <c>new MLContext(seed)</c> and the
/// FastTree seed are both <c>seed</c>, and the thread count is fixed (default 1) so a run is reproducible.
/// Features travel as one float vector column (ML.NET's native precision).
/// </summary>
public sealed class GradientBoosting(int seed = 42, int threads = 1, int trees = 300, int leaves = 20, int minLeaf = 10, double learningRate = 0.1)
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
            NumberOfThreads = threads,
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

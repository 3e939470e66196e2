using MesoStream.Contracts.Models;
namespace MesoStream.Trainer.Models;

/// <summary>
/// CART regression tree (Breiman et al. 1984) grown on histograms of <see cref="FeatureBins"/>: each split maximises
/// the weighted variance reduction, i.e. maximises S_L²/W_L + S_R²/W_R (S = Σwy, W = Σw of each side), over all
/// features and all boundaries between non-empty bins of the node; the threshold is halfway between the largest value
/// left and the smallest value right. With ≤ 256 distinct values per feature this is exactly CART's search over
/// midpoints of consecutive distinct values; beyond that the candidates are 255 equal-count boundaries. A node becomes
/// a leaf at <c>maxDepth</c>, when it holds &lt; 2·minLeaf weight, when it is pure, or when no split leaves ≥ minLeaf
/// weight on each side. Leaves predict the weighted mean.
/// <para>
/// Cost: a node's histograms take one pass over its rows per feature (bytes, column-major), so a level costs
/// O(n·p) sequential reads instead of sorting. Deterministic: features are scanned in index order and bins in
/// ascending order, only a strictly better split replaces the best (ties keep the lowest feature, then the lowest
/// threshold); the per-feature searches run in parallel and are reduced in feature order.
/// </para>
/// Defaults: maxDepth 8, minLeaf 5.
/// </summary>
public sealed class DecisionTreeRegressor(int maxDepth = 8, int minLeaf = 5) : IRegressionModel
{
    private const int ParallelWorkThreshold = 1 << 15;

    private readonly List<Node> _nodes = [];

    public string Name => "decision-tree";

    public int NodeCount => _nodes.Count;

    public void Fit(double[][] rows, double[] target) => Fit(FeatureBins.Build(rows), target, weights: null);

    /// <summary>Fits with non-negative row weights (AdaBoost.R2 passes bootstrap multiplicities); zero-weight rows are ignored.</summary>
    public void Fit(double[][] rows, double[] target, double[]? weights) => Fit(FeatureBins.Build(rows), target, weights);

    /// <summary>Fits on features already binned (shared across the trees of an ensemble).</summary>
    public void Fit(FeatureBins bins, double[] target, double[]? weights)
    {
        if (bins.RowCount != target.Length || (weights is not null && weights.Length != target.Length))
        {
            throw new ArgumentException("rows, target and weights must have equal lengths");
        }

        if (_nodes.Count > 0)
        {
            throw new InvalidOperationException("the tree is already fitted");
        }

        var w = weights ?? [.. Enumerable.Repeat(1.0, target.Length)];
        var active = Enumerable.Range(0, target.Length).Where(i => w[i] > 0).ToArray();
        if (active.Length == 0)
        {
            throw new ArgumentException("no row has positive weight", nameof(weights));
        }

        new Builder(bins, target, w, maxDepth, minLeaf, _nodes).Grow(active, 0);
    }

    public double[] Predict(double[][] rows)
    {
        if (_nodes.Count == 0)
        {
            throw new InvalidOperationException($"{Name} is not fitted");
        }

        var result = new double[rows.Length];
        for (int i = 0; i < rows.Length; i++)
        {
            result[i] = PredictRow(rows[i]);
        }

        return result;
    }

    public double PredictRow(double[] row)
    {
        int node = 0;
        while (_nodes[node].Feature >= 0)
        {
            var n = _nodes[node];
            node = row[n.Feature] <= n.Threshold ? n.Left : n.Right;
        }

        return _nodes[node].Value;
    }

    public Contracts.Models.ServingModel ToServingModel() => new Contracts.Models.TreeEnsembleServingModel
    {
        Trees = [ToNodes()],
        Weights = [1.0],
        Combination = Contracts.Models.TreeCombination.WeightedSum,
    };

    /// <summary>The tree as node arrays; the builder appends children after their parent, as the format requires.</summary>
    public Contracts.Models.RegressionTreeNodes ToNodes()
    {
        if (_nodes.Count == 0)
        {
            throw new InvalidOperationException($"{Name} is not fitted");
        }

        return new Contracts.Models.RegressionTreeNodes
        {
            Feature = [.. _nodes.Select(n => n.Feature)],
            Threshold = [.. _nodes.Select(n => n.Threshold)],
            Left = [.. _nodes.Select(n => n.Left)],
            Right = [.. _nodes.Select(n => n.Right)],
            Value = [.. _nodes.Select(n => n.Value)],
        };
    }

    private record struct Node(int Feature, double Threshold, int Left, int Right, double Value);

    private readonly record struct Split(int Feature, int LeftBin, int RightBin, double Score);

    private sealed class Builder(FeatureBins bins, double[] target, double[] weights, int maxDepth, int minLeaf, List<Node> nodes)
    {
        /// <summary>Grows the subtree over <paramref name="rows"/> (ascending indices); returns its node index.</summary>
        public int Grow(int[] rows, int depth)
        {
            double sumW = 0, sumWy = 0, sumWyy = 0;
            foreach (int i in rows)
            {
                sumW += weights[i];
                sumWy += weights[i] * target[i];
                sumWyy += weights[i] * target[i] * target[i];
            }

            int index = nodes.Count;
            nodes.Add(new Node(-1, 0, -1, -1, sumWy / sumW));
            double sse = sumWyy - sumWy * sumWy / sumW;
            if (depth >= maxDepth || sumW < 2 * minLeaf || sse <= 1e-12 * Math.Max(1.0, sumWyy))
            {
                return index;
            }

            var best = FindSplit(rows, sumW, sumWy);
            if (best.Feature < 0)
            {
                return index;
            }

            var column = bins.Bins[best.Feature];
            var left = rows.Where(i => column[i] <= best.LeftBin).ToArray();
            var right = rows.Where(i => column[i] > best.LeftBin).ToArray();
            double low = bins.Highest[best.Feature][best.LeftBin], high = bins.Lowest[best.Feature][best.RightBin];
            double threshold = 0.5 * (low + high);

            // The midpoint can round up to `high` for adjacent doubles; `low` then separates the same rows.
            threshold = threshold < high ? threshold : low;
            int leftNode = Grow(left, depth + 1);
            int rightNode = Grow(right, depth + 1);
            nodes[index] = new Node(best.Feature, threshold, leftNode, rightNode, nodes[index].Value);
            return index;
        }

        private Split FindSplit(int[] rows, double sumW, double sumWy)
        {
            int p = bins.FeatureCount;
            var perFeature = new Split[p];
            if ((long)rows.Length * p >= ParallelWorkThreshold)
            {
                Parallel.For(0, p,
                    () => new Histogram(),
                    (f, _, histogram) =>
                    {
                        perFeature[f] = BestOnFeature(f, rows, sumW, sumWy, histogram);
                        return histogram;
                    },
                    _ => { });
            }
            else
            {
                var histogram = new Histogram();
                for (int f = 0; f < p; f++)
                {
                    perFeature[f] = BestOnFeature(f, rows, sumW, sumWy, histogram);
                }
            }

            // Any admissible split must beat the unsplit node's score S²/W.
            var best = new Split(-1, 0, 0, sumWy * sumWy / sumW * (1 + 1e-12));
            foreach (var candidate in perFeature)
            {
                if (candidate.Feature >= 0 && candidate.Score > best.Score)
                {
                    best = candidate;
                }
            }

            return best;
        }

        private Split BestOnFeature(int f, int[] rows, double sumW, double sumWy, Histogram histogram)
        {
            var column = bins.Bins[f];
            int binCount = bins.Lowest[f].Length;
            var w = histogram.Weight.AsSpan(0, binCount);
            var wy = histogram.WeightedTarget.AsSpan(0, binCount);
            w.Clear();
            wy.Clear();
            foreach (int i in rows)
            {
                int b = column[i];
                w[b] += weights[i];
                wy[b] += weights[i] * target[i];
            }

            var best = new Split(-1, 0, 0, double.NegativeInfinity);
            double leftW = 0, leftWy = 0;
            int previous = -1;
            for (int b = 0; b < binCount; b++)
            {
                if (w[b] == 0)
                {
                    continue;
                }

                if (previous >= 0 && leftW >= minLeaf && sumW - leftW >= minLeaf)
                {
                    double rightWy = sumWy - leftWy;
                    double score = leftWy * leftWy / leftW + rightWy * rightWy / (sumW - leftW);
                    if (score > best.Score)
                    {
                        best = new Split(f, previous, b, score);
                    }
                }

                leftW += w[b];
                leftWy += wy[b];
                previous = b;
            }

            return best;
        }
    }

    /// <summary>Per-thread scratch for one feature's bin sums.</summary>
    private sealed class Histogram
    {
        public double[] Weight { get; } = new double[FeatureBins.MaxBins];

        public double[] WeightedTarget { get; } = new double[FeatureBins.MaxBins];
    }
}

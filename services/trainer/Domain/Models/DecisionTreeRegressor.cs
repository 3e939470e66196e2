namespace MesoStream.Trainer.Models;

/// <summary>
/// CART regression tree (Breiman et al. 1984): each split maximises the weighted variance reduction, i.e. maximises
/// S_L²/W_L + S_R²/W_R (S = Σwy, W = Σw of each side), over all features and all thresholds halfway between
/// consecutive distinct values. A node becomes a leaf at <c>maxDepth</c>, when it holds &lt; 2·minLeaf weight, when
/// it is pure, or when no split leaves ≥ minLeaf weight on each side. Leaves predict the weighted mean.
/// <para>
/// Deterministic: features are scanned in index order and thresholds in ascending order, and only a strictly better
/// split replaces the current best (ties keep the lowest feature, then the lowest threshold). The per-feature searches
/// run in parallel but are reduced in feature order. Each feature's rows are sorted once; a split stably partitions
/// every feature's segment, so a level costs O(n·p).
/// </para>
/// Defaults: maxDepth 8, minLeaf 5.
/// </summary>
public sealed class DecisionTreeRegressor(int maxDepth = 8, int minLeaf = 5) : IRegressionModel
{
    private const int ParallelWorkThreshold = 1 << 15;

    private readonly List<Node> _nodes = [];

    public string Name => "decision-tree";

    public int NodeCount => _nodes.Count;

    public void Fit(double[][] rows, double[] target) => Fit(rows, target, weights: null);

    /// <summary>Fits with non-negative row weights (AdaBoost.R2 passes bootstrap multiplicities); zero-weight rows are ignored.</summary>
    public void Fit(double[][] rows, double[] target, double[]? weights)
    {
        if (rows.Length != target.Length || (weights is not null && weights.Length != target.Length))
        {
            throw new ArgumentException("rows, target and weights must have equal lengths");
        }

        if (_nodes.Count > 0)
        {
            throw new InvalidOperationException("the tree is already fitted");
        }

        var w = weights ?? [.. Enumerable.Repeat(1.0, target.Length)];
        var active = Enumerable.Range(0, rows.Length).Where(i => w[i] > 0).ToArray();
        if (active.Length == 0)
        {
            throw new ArgumentException("no row has positive weight", nameof(weights));
        }

        int p = Data.Rows.FeatureCount(rows);
        var sorted = new int[p][];
        Parallel.For(0, p, f =>
        {
            var order = (int[])active.Clone();
            var keys = order.Select(i => rows[i][f]).ToArray();
            Array.Sort(keys, order);
            sorted[f] = order;
        });

        var builder = new Builder(rows, target, w, sorted, maxDepth, minLeaf, _nodes);
        builder.Grow(0, active.Length, 0);
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

    public Serving.ServingModel ToServingModel() => new Serving.TreeEnsembleServingModel
    {
        Trees = [ToNodes()],
        Weights = [1.0],
        Combination = Serving.TreeCombination.WeightedSum,
    };

    /// <summary>The tree as node arrays; the builder appends children after their parent, as the format requires.</summary>
    public Serving.RegressionTreeNodes ToNodes()
    {
        if (_nodes.Count == 0)
        {
            throw new InvalidOperationException($"{Name} is not fitted");
        }

        return new Serving.RegressionTreeNodes
        {
            Feature = [.. _nodes.Select(n => n.Feature)],
            Threshold = [.. _nodes.Select(n => n.Threshold)],
            Left = [.. _nodes.Select(n => n.Left)],
            Right = [.. _nodes.Select(n => n.Right)],
            Value = [.. _nodes.Select(n => n.Value)],
        };
    }

    private record struct Node(int Feature, double Threshold, int Left, int Right, double Value);

    private readonly record struct Split(int Feature, double Threshold, double Score, int LeftCount);

    private sealed class Builder(double[][] rows, double[] target, double[] weights, int[][] sorted, int maxDepth, int minLeaf, List<Node> nodes)
    {
        private readonly bool[] _goesLeft = new bool[rows.Length];
        private readonly int[] _scratch = new int[sorted[0].Length];

        /// <summary>Grows the subtree over the segment [start, end) of every feature's sorted rows; returns its node index.</summary>
        public int Grow(int start, int end, int depth)
        {
            var segment = sorted[0].AsSpan(start, end - start);
            double sumW = 0, sumWy = 0, sumWyy = 0;
            foreach (int i in segment)
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

            var best = FindSplit(start, end, sumW, sumWy);
            if (best.Feature < 0)
            {
                return index;
            }

            var byBest = sorted[best.Feature];
            for (int k = start; k < end; k++)
            {
                _goesLeft[byBest[k]] = k < start + best.LeftCount;
            }

            foreach (var order in sorted)
            {
                StablePartition(order, start, end);
            }

            int left = Grow(start, start + best.LeftCount, depth + 1);
            int right = Grow(start + best.LeftCount, end, depth + 1);
            nodes[index] = new Node(best.Feature, best.Threshold, left, right, nodes[index].Value);
            return index;
        }

        private Split FindSplit(int start, int end, double sumW, double sumWy)
        {
            int p = sorted.Length;
            var perFeature = new Split[p];
            if ((long)(end - start) * p >= ParallelWorkThreshold)
            {
                Parallel.For(0, p, f => perFeature[f] = BestOnFeature(f, start, end, sumW, sumWy));
            }
            else
            {
                for (int f = 0; f < p; f++)
                {
                    perFeature[f] = BestOnFeature(f, start, end, sumW, sumWy);
                }
            }

            // Any admissible split must beat the unsplit node's score S²/W.
            var best = new Split(-1, 0, sumWy * sumWy / sumW * (1 + 1e-12), 0);
            foreach (var candidate in perFeature)
            {
                if (candidate.Feature >= 0 && candidate.Score > best.Score)
                {
                    best = candidate;
                }
            }

            return best;
        }

        private Split BestOnFeature(int f, int start, int end, double sumW, double sumWy)
        {
            var order = sorted[f];
            var best = new Split(-1, 0, double.NegativeInfinity, 0);
            double leftW = 0, leftWy = 0;
            for (int k = start; k < end - 1; k++)
            {
                int i = order[k];
                leftW += weights[i];
                leftWy += weights[i] * target[i];
                double value = rows[i][f], next = rows[order[k + 1]][f];
                if (value == next || leftW < minLeaf || sumW - leftW < minLeaf)
                {
                    continue;
                }

                double rightWy = sumWy - leftWy;
                double score = leftWy * leftWy / leftW + rightWy * rightWy / (sumW - leftW);
                if (score > best.Score)
                {
                    // The midpoint can round up to `next` for adjacent doubles; `value` then separates the same rows.
                    double threshold = 0.5 * (value + next);
                    best = new Split(f, threshold < next ? threshold : value, score, k + 1 - start);
                }
            }

            return best;
        }

        private void StablePartition(int[] order, int start, int end)
        {
            int write = start, spill = 0;
            for (int k = start; k < end; k++)
            {
                int i = order[k];
                if (_goesLeft[i])
                {
                    order[write++] = i;
                }
                else
                {
                    _scratch[spill++] = i;
                }
            }

            Array.Copy(_scratch, 0, order, write, spill);
        }
    }
}

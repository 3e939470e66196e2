using System.Globalization;
using MesoStream.Contracts.Models;
using MesoStream.Trainer.Models;

namespace MesoStream.Trainer.Tuning;

/// <summary>
/// The small hyper-parameter grids searched by inner cross-validation, each in every admissible target space. The
/// ranges bracket the old fixed values (α = 0.001; CART depth 8; FastTree 300 × 20 leaves) and the scikit-learn
/// defaults the issue compares with (GradientBoostingRegressor: 8-leaf trees, lr 0.1; HistGradientBoosting: 31
/// leaves, ≥ 20 rows per leaf). α of the penalised linear models is per row, on standardized features (see each model).
/// </summary>
public static class ModelGrid
{
    public static readonly double[] RidgeAlphas = [1e-4, 1e-3, 1e-2, 1e-1];

    public static readonly double[] SparseAlphas = [1e-3, 1e-2, 1e-1];

    public static readonly int[] TreeDepths = [6, 8, 12];

    /// <summary>(leaves, minimum rows per leaf, share of features per tree) of FastTree; the tree count is early-stopped.</summary>
    public static readonly (int Leaves, int MinLeaf, double FeatureFraction)[] Boosting = [(8, 10, 1.0), (31, 20, 0.5), (16, 20, 1.0)];

    public const int MaxTrees = 300;

    public const double LearningRate = 0.1;

    public static IEnumerable<ModelCandidate> For(ModelKind kind, TargetTransform transform, int seed)
    {
        static string A(double alpha) => "α " + alpha.ToString("G", CultureInfo.InvariantCulture);
        switch (kind)
        {
            case ModelKind.Linear:
                yield return new(kind, transform, string.Empty, _ => new LinearRegression());
                break;
            case ModelKind.Ridge:
                foreach (var alpha in RidgeAlphas)
                {
                    yield return new(kind, transform, A(alpha), _ => new RidgeRegression(alpha));
                }

                break;
            case ModelKind.Lasso:
                foreach (var alpha in SparseAlphas)
                {
                    yield return new(kind, transform, A(alpha), _ => new LassoRegression(alpha));
                }

                break;
            case ModelKind.ElasticNet:
                foreach (var alpha in SparseAlphas)
                {
                    yield return new(kind, transform, A(alpha), _ => new ElasticNetRegression(alpha));
                }

                break;
            case ModelKind.DecisionTree:
                foreach (var depth in TreeDepths)
                {
                    yield return new(kind, transform, $"depth {depth}", _ => new DecisionTreeRegressor(depth));
                }

                break;
            case ModelKind.AdaBoost:
                yield return new(kind, transform, "50 rounds", _ => new AdaBoostR2(seed: seed));
                break;
            case ModelKind.GradientBoosting:
                foreach (var (leaves, minLeaf, fraction) in Boosting)
                {
                    yield return new(kind, transform,
                        string.Create(CultureInfo.InvariantCulture, $"{leaves} leaves, min leaf {minLeaf}, features {fraction:0.##}, lr {LearningRate}"),
                        trees => new GradientBoosting(seed, trees, leaves, minLeaf, LearningRate, fraction), MaxTrees);
                }

                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(kind), kind, "unknown model");
        }
    }
}

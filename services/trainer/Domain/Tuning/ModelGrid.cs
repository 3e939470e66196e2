using System.Globalization;
using MesoStream.Contracts.Models;
using MesoStream.Trainer.Models;

namespace MesoStream.Trainer.Tuning;

/// <summary>
/// The small hyper-parameter grids searched by inner cross-validation, each in every admissible target space. The
/// ranges bracket the old fixed values (α = 0.001; CART depth 8; FastTree 300 × 20 leaves) and scikit-learn's
/// GradientBoostingRegressor (8-leaf trees, lr 0.1) the issue compares with. α of the penalised linear models is per
/// row, on standardized features (see each model).
/// <para>
/// Boosting: a HistGradientBoosting-like third point (31 leaves, ≥ 20 rows per leaf, half the features per tree) was
/// searched too and never won: on 3,000 real structures × 3 split seeds × τx,y,z the inner CV chose 8 leaves 8 times
/// and 16 leaves once, while 31 leaves cost 2.5× an 8-leaf fit — a third of each target's training time for nothing.
/// Each tree sees a random quarter of the features: with ~400–600 features left by the filter, most of them
/// near-duplicates, FastTree's time is proportional to the features it scans (a 300-tree fit took as long on 1,000
/// rows as on 2,667), and a quarter fitted as well as all of them — mean test R² of τx,y,z over two split seeds
/// (8 leaves, 300 trees, ln τ): 0.608 against 0.598 on the 3,000 real structures, 0.9919 against 0.9916 on the
/// 2,000-row synthetic set — in a third of the time.
/// </para>
/// </summary>
public static class ModelGrid
{
    public static readonly double[] RidgeAlphas = [1e-4, 1e-3, 1e-2, 1e-1];

    public static readonly double[] SparseAlphas = [1e-3, 1e-2, 1e-1];

    public static readonly int[] TreeDepths = [6, 8, 12];

    /// <summary>(leaves, minimum rows per leaf, share of features per tree) of FastTree; the tree count is early-stopped.</summary>
    public static readonly (int Leaves, int MinLeaf, double FeatureFraction)[] Boosting = [(8, 10, 0.25), (16, 20, 0.25)];

    public const int MaxTrees = 300;

    public const double LearningRate = 0.1;

    /// <summary>
    /// The grid point a report's settings text (<see cref="ModelCandidate.Describe"/>, e.g. "log, 8 leaves, …, 120
    /// trees") names, or null when this grid has no such point (the grid changed since that report was written).
    /// </summary>
    public static ModelCandidate? Find(ModelKind kind, TargetTransform transform, int seed, string settings)
    {
        int comma = settings.LastIndexOf(", ", StringComparison.Ordinal);
        int trees = comma >= 0 && settings.EndsWith(" trees", StringComparison.Ordinal)
            && int.TryParse(settings.AsSpan(comma + 2, settings.Length - comma - 2 - " trees".Length), NumberStyles.None, CultureInfo.InvariantCulture, out var count)
            ? count
            : 0;
        return For(kind, transform, seed).FirstOrDefault(c => c.Describe(trees) == settings);
    }

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

using MesoStream.Trainer.Models;

namespace MesoStream.Trainer.Workflow;

/// <summary>The seven models of Step 6, in the paper's order.</summary>
public enum ModelKind
{
    Linear,
    Lasso,
    Ridge,
    ElasticNet,
    DecisionTree,
    AdaBoost,
    GradientBoosting,
}

public static class ModelCatalog
{
    public static IReadOnlyList<ModelKind> All { get; } = Enum.GetValues<ModelKind>();

    /// <summary>A fresh model with the fixed, documented default hyper-parameters (see each model's summary).</summary>
    public static IRegressionModel Create(ModelKind kind, int seed, int threads) => kind switch
    {
        ModelKind.Linear => new LinearRegression(),
        ModelKind.Lasso => new LassoRegression(),
        ModelKind.Ridge => new RidgeRegression(),
        ModelKind.ElasticNet => new ElasticNetRegression(),
        ModelKind.DecisionTree => new DecisionTreeRegressor(),
        ModelKind.AdaBoost => new AdaBoostR2(seed: seed),
        ModelKind.GradientBoosting => new GradientBoosting(seed: seed, threads: threads),
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "unknown model"),
    };
}

using MesoStream.Contracts.Models;
using MesoStream.Trainer.Models;

namespace MesoStream.Trainer.Workflow;

/// <summary>The seven models of Step 6 (<see cref="ModelKind"/>): parsing a model list and creating each with its defaults.</summary>
public static class ModelCatalog
{
    public static IReadOnlyList<ModelKind> All { get; } = Enum.GetValues<ModelKind>();

    /// <summary>
    /// A comma-separated model list as given on a command line (<c>--models lasso,ridge</c>, any case); null means
    /// all seven. An unknown name throws <see cref="ArgumentException"/> naming it and the allowed ones.
    /// </summary>
    public static IReadOnlyList<ModelKind> Parse(string? list) => list is null
        ? All
        : [.. list.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries).Select(m =>
            Enum.TryParse<ModelKind>(m, ignoreCase: true, out var kind) && Enum.IsDefined(kind) ? kind
                : throw new ArgumentException($"--models: unknown model \"{m}\"; allowed {string.Join(", ", All).ToLowerInvariant()}"))];

    /// <summary>A fresh model with the fixed, documented default hyper-parameters (see each model's summary).</summary>
    public static IRegressionModel Create(ModelKind kind, int seed) => kind switch
    {
        ModelKind.Linear => new LinearRegression(),
        ModelKind.Lasso => new LassoRegression(),
        ModelKind.Ridge => new RidgeRegression(),
        ModelKind.ElasticNet => new ElasticNetRegression(),
        ModelKind.DecisionTree => new DecisionTreeRegressor(),
        ModelKind.AdaBoost => new AdaBoostR2(seed: seed),
        ModelKind.GradientBoosting => new GradientBoosting(seed: seed),
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "unknown model"),
    };
}

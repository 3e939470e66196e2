namespace MesoStream.Cli.Report;

/// <summary>One of the paper's Tables 1–3: gradient boosting's R² and MAE, train and test, for three targets.</summary>
internal sealed record PaperTable(string Title, string Symbol, string[] Targets, double[] TrainR2, double[] TestR2, double[] TrainMae, double[] TestMae)
{
    /// <summary>Tables 1–3 of the paper as printed (the MAE of the areas carries no unit there).</summary>
    public static IReadOnlyList<PaperTable> All { get; } =
    [
        new("Table 1 — tortuosity", "τ", ["tau_x", "tau_y", "tau_z"], [0.97, 0.97, 0.96], [0.94, 0.91, 0.94], [0.203, 0.202, 0.216], [0.219, 0.233, 0.221]),
        new("Table 2 — electronic conductivity", "σ", ["sigma_x", "sigma_y", "sigma_z"], [0.99, 0.99, 0.99], [0.99, 0.99, 0.99], [0.023, 0.027, 0.023], [0.027, 0.030, 0.025]),
        new("Table 3 — specific surface area (our MAE in m²/m³; the paper states no unit)", "a", ["a01", "a02", "a12"], [0.99, 0.99, 0.99], [0.99, 0.99, 0.99], [0.093, 0.012, 0.007], [0.106, 0.014, 0.008]),
    ];
}

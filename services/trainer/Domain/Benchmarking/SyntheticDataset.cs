using MesoStream.Trainer.Dataset;

namespace MesoStream.Trainer.Benchmarking;

/// <summary>
/// Dataset rows with the shape of a real campaign but no simulation behind them, for timing the workflow at the
/// paper's 17,000 rows and for tests. Descriptors are drawn uniformly over the ranges the generator's presets produce;
/// properties are closed forms of them with 2 % multiplicative noise: τ = ε^(−0.5)·(1 + 0.3·a_i·ω) (Bruggeman with a
/// shape-anisotropy penalty), σ = v_AM^1.5·(1 − 0.5·v_s)·(0.8 + 0.2·a_i), a01 = 3·v_AM/R_eq·(1 − ω·v_s·2) etc. in 1/m,
/// with ε = 1 − v_AM − v_s. Nothing here is a result; it only has realistic ranges, smoothness and correlations.
/// </summary>
public static class SyntheticDataset
{
    public static IReadOnlyList<DatasetRecord> Create(int rows, int seed)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(rows);
        var random = new Random(seed);
        var records = new DatasetRecord[rows];
        for (int i = 0; i < rows; i++)
        {
            double U(double low, double high) => low + (high - low) * random.NextDouble();
            double Noisy(double value) => value * (1 + 0.02 * (2 * random.NextDouble() - 1));

            double vAm = U(0.4, 0.8), vS = U(0.02, 0.1), omega = U(0.1, 0.9), gamma = U(0.6, 1.0);
            double rEq = U(3, 8), ecc = U(0.1, 0.9), rect = U(0.5, 0.9), sph = U(0.6, 0.95);
            double a1 = U(0.2, 1.0), a2 = U(0.2, 1.0);
            double porosity = 1 - vAm - vS;
            double pore = rEq * porosity / (1 - porosity) * U(0.8, 1.2);
            double Tau(double anisotropy) => Noisy(Math.Pow(porosity, -0.5) * (1 + 0.3 * anisotropy * omega));
            double Sigma(double anisotropy) => Noisy(Math.Pow(vAm, 1.5) * (1 - 0.5 * vS) * (0.8 + 0.2 * anisotropy));
            double ideal = 3 * vAm / (rEq * 1e-6);
            records[i] = new DatasetRecord
            {
                Id = $"synthetic-{seed}-{i:D6}",
                ActiveFraction = vAm,
                BinderFraction = vS,
                Omega = omega,
                Gamma = gamma,
                EquivalentRadiusUm = rEq,
                Eccentricity = ecc,
                Rectangularity = rect,
                Sphericity = sph,
                MeanPoreRadiusUm = pore,
                A1 = a1,
                A2 = a2,
                TauX = Tau(a1),
                TauY = Tau(a2),
                TauZ = Tau(1 - 0.5 * (a1 + a2)),
                SigmaX = Sigma(1 - a1),
                SigmaY = Sigma(1 - a2),
                SigmaZ = Sigma(0.5 * (a1 + a2)),
                A01 = Noisy(ideal * (1 - 2 * omega * vS) / sph),
                A02 = Noisy(ideal * 2 * omega * vS / sph),
                A12 = Noisy(vS / (rEq * 1e-6) * (1 + omega)),
            };
        }

        return records;
    }
}

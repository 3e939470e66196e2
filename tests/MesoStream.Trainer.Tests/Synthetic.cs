namespace MesoStream.Trainer.Tests;

/// <summary>Small seeded synthetic tables for the tests.</summary>
internal static class Synthetic
{
    /// <summary>n rows of p independent uniform(0, 1) features.</summary>
    public static double[][] Uniform(int n, int p, int seed)
    {
        var random = new Random(seed);
        return [.. Enumerable.Range(0, n).Select(_ => Enumerable.Range(0, p).Select(_ => random.NextDouble()).ToArray())];
    }

    /// <summary>Gaussian noise by Box–Muller.</summary>
    public static double Normal(Random random) =>
        Math.Sqrt(-2.0 * Math.Log(1.0 - random.NextDouble())) * Math.Cos(2.0 * Math.PI * random.NextDouble());

    /// <summary>A smooth non-linear target of the first three features plus N(0, noise²).</summary>
    public static double[] Smooth(double[][] rows, double noise, int seed)
    {
        var random = new Random(seed);
        return [.. rows.Select(x => Math.Sin(3 * x[0]) + 2 * x[1] * x[1] + Math.Exp(x[2]) + noise * Normal(random))];
    }

    /// <summary><paramref name="artifact"/> with one target model replaced (how the tests forge a bad artifact).</summary>
    public static Contracts.Models.ModelArtifact Rebuild(Contracts.Models.ModelArtifact artifact, Contracts.Models.TargetModel replaced, Contracts.Models.TargetModel with) => new()
    {
        Version = artifact.Version,
        CreatedUtc = artifact.CreatedUtc,
        DatasetRows = artifact.DatasetRows,
        DatasetHash = artifact.DatasetHash,
        Seed = artifact.Seed,
        DescriptorRanges = artifact.DescriptorRanges,
        Targets = [.. artifact.Targets.Select(t => t == replaced ? with : t)],
    };
}

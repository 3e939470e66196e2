using MesoStream.Contracts.Specs;
using MesoStream.Contracts.Structures;
using MesoStream.Generator.Randomness;

namespace MesoStream.Generator.Binder;

/// <summary>
/// Interfacial-energy-based stochastic binder deposition with morphology factor ω: the rule of Mistry et al. as in
/// their public MATLAB code (docs/methods.md, "Binder deposition"; paper: "Electrode structure generation", ref. 13).
/// <para>
/// Exact rule. Candidates are pore voxels with at least one face neighbour (6-neighbourhood, inside the domain) that
/// is active material or binder. A candidate with n_AM active and n_B binder face neighbours has the weight
/// E = (n_B·ω + n_AM·(1 − ω)) / 6. Each round draws a batch of ⌈1 %⌉ of the target binder voxel count (at least one)
/// from the candidates with probability E / ΣE, successively without replacement (every drawn voxel leaves the pool;
/// the others keep their weights), turns the batch to binder, then updates the weights of the pore face neighbours of
/// the new binder voxels only (n_B rises by one per new binder neighbour; a pore voxel that touched no solid becomes a
/// candidate). Rounds repeat until exactly the target count has been placed: the last batch is cut to what is missing.
/// </para>
/// <para>
/// Small ω favours adhesion (weight per AM neighbour 1 − ω): binder spreads as films over the active material. Large ω
/// favours cohesion (weight per binder neighbour ω): binder grows on binder into fingers and bridges.
/// Where every candidate has E = 0 (ω = 1 before any binder exists, or ω = 0 when no candidate touches AM) the round
/// draws with weights n_AM + n_B instead — the limit of the rule's relative weights as ω approaches that end.
/// </para>
/// </summary>
public static class BinderDeposition
{
    /// <summary>Fraction of the target voxel count drawn per round (docs/methods.md: "about 1 %").</summary>
    public const double BatchFraction = 0.01;

    /// <summary>
    /// Turns exactly <paramref name="targetVoxels"/> pore voxels of <paramref name="labels"/> into binder. Binder already
    /// present counts as binder neighbours from the start.
    /// </summary>
    /// <returns>The number of deposition rounds (batches).</returns>
    public static int Deposit(byte[] labels, GridSpec grid, long targetVoxels, double omega, long seed)
    {
        ArgumentNullException.ThrowIfNull(labels);
        ArgumentNullException.ThrowIfNull(grid);
        ArgumentOutOfRangeException.ThrowIfNegative(targetVoxels);
        if (!(omega >= 0 && omega <= 1))
        {
            throw new ArgumentOutOfRangeException(nameof(omega), omega, "ω must lie in [0, 1]");
        }

        if (targetVoxels == 0)
        {
            return 0;
        }

        var weights = ClassWeights(omega);
        var fallback = ClassWeights(0.5);
        var (nx, ny, nz) = (grid.Nx, grid.Ny, grid.Nz);
        var classes = Classify(labels, nx, ny, nz);
        var rng = Xoshiro256StarStar.ForStream(seed, RandomStreams.Binder);
        var batchSize = (int)Math.Max(1, Math.Ceiling(BatchFraction * targetVoxels));
        var batch = new List<int>(batchSize);
        long placed = 0;
        var rounds = 0;
        while (placed < targetVoxels)
        {
            if (classes.IsEmpty)
            {
                throw new InvalidOperationException(
                    $"binder deposition ran out of candidates after {placed} of {targetVoxels} voxels: no pore voxel touches solid");
            }

            rounds++;
            var size = (int)Math.Min(batchSize, targetVoxels - placed);
            batch.Clear();
            for (var d = 0; d < size && !classes.IsEmpty; d++)
            {
                var cls = DrawClass(classes, weights, fallback, ref rng);
                batch.Add(classes.TakeUniform(cls, ref rng));
            }

            foreach (var voxel in batch)
            {
                labels[voxel] = VoxelLabels.Binder;
            }

            foreach (var voxel in batch)
            {
                PromoteNeighbours(voxel, labels, classes, nx, ny, nz);
            }

            placed += batch.Count;
        }

        return rounds;
    }

    /// <summary>E per candidate of each class c = 7·n_AM + n_B; zero for impossible classes (n_AM + n_B &gt; 6).</summary>
    private static double[] ClassWeights(double omega)
    {
        var w = new double[CandidateClasses.ClassCount];
        for (var am = 0; am <= 6; am++)
        {
            for (var b = 0; am + b <= 6; b++)
            {
                w[CandidateClasses.ClassOf(am, b)] = (b * omega + am * (1 - omega)) / 6;
            }
        }

        return w;
    }

    /// <summary>
    /// Class with probability count·E / Σ count·E; with ΣE = 0 the fallback table (ω = ½, i.e. ∝ n_AM + n_B) is used.
    /// The sum runs over classes in a fixed order, so the draw is reproducible bit for bit.
    /// </summary>
    private static int DrawClass(CandidateClasses classes, double[] weights, double[] fallback, ref Xoshiro256StarStar rng)
    {
        var table = Total(classes, weights) > 0 ? weights : fallback;
        var u = rng.NextDouble() * Total(classes, table);
        var acc = 0.0;
        var lastPossible = -1;
        for (var c = 0; c < CandidateClasses.ClassCount; c++)
        {
            var mass = classes.Count(c) * table[c];
            if (mass <= 0)
            {
                continue;
            }

            lastPossible = c;
            acc += mass;
            if (u < acc)
            {
                return c;
            }
        }

        return lastPossible;
    }

    private static double Total(CandidateClasses classes, double[] table)
    {
        var total = 0.0;
        for (var c = 0; c < CandidateClasses.ClassCount; c++)
        {
            total += classes.Count(c) * table[c];
        }

        return total;
    }

    /// <summary>Class of every pore voxel from its AM and binder face neighbours; candidates enter in index order.</summary>
    private static CandidateClasses Classify(byte[] labels, int nx, int ny, int nz)
    {
        var classes = new CandidateClasses(labels.LongLength);
        var plane = nx * ny;
        for (var z = 0; z < nz; z++)
        {
            for (var y = 0; y < ny; y++)
            {
                var row = nx * (y + ny * z);
                for (var x = 0; x < nx; x++)
                {
                    var v = row + x;
                    if (labels[v] != VoxelLabels.Pore)
                    {
                        continue;
                    }

                    var cls = 0;
                    if (x > 0) cls += ClassContribution(labels[v - 1]);
                    if (x < nx - 1) cls += ClassContribution(labels[v + 1]);
                    if (y > 0) cls += ClassContribution(labels[v - nx]);
                    if (y < ny - 1) cls += ClassContribution(labels[v + nx]);
                    if (z > 0) cls += ClassContribution(labels[v - plane]);
                    if (z < nz - 1) cls += ClassContribution(labels[v + plane]);
                    if (cls > 0)
                    {
                        classes.Add(v, cls);
                    }
                }
            }
        }

        return classes;
    }

    /// <summary>What one face neighbour adds to the class index 7·n_AM + n_B.</summary>
    private static int ClassContribution(byte label) => label switch
    {
        VoxelLabels.ActiveMaterial => CandidateClasses.ClassOf(1, 0),
        VoxelLabels.Binder => CandidateClasses.ClassOf(0, 1),
        _ => 0,
    };

    /// <summary>Each pore face neighbour of a new binder voxel gains one binder neighbour: n_B + 1, i.e. class + 1.</summary>
    private static void PromoteNeighbours(int voxel, byte[] labels, CandidateClasses classes, int nx, int ny, int nz)
    {
        var plane = nx * ny;
        var x = voxel % nx;
        var y = voxel / nx % ny;
        var z = voxel / plane;
        if (x > 0) Promote(voxel - 1, labels, classes);
        if (x < nx - 1) Promote(voxel + 1, labels, classes);
        if (y > 0) Promote(voxel - nx, labels, classes);
        if (y < ny - 1) Promote(voxel + nx, labels, classes);
        if (z > 0) Promote(voxel - plane, labels, classes);
        if (z < nz - 1) Promote(voxel + plane, labels, classes);
    }

    private static void Promote(int neighbour, byte[] labels, CandidateClasses classes)
    {
        if (labels[neighbour] == VoxelLabels.Pore)
        {
            classes.AddBinderNeighbour(neighbour);
        }
    }
}

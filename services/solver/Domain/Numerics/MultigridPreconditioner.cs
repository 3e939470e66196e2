namespace MesoStream.Solver.Numerics;

/// <summary>
/// One symmetric geometric-multigrid V-cycle as the preconditioner of CG: ν damped-Jacobi sweeps before and ν after
/// the coarse correction on every level (Jacobi is a symmetric smoother, so equal pre/post counts make the cycle a
/// symmetric operator), aggregation coarsening (<see cref="AggregationCoarsening"/>) down to at most
/// <see cref="CoarsestMaxCells"/> cells, and an exact Cholesky solve there. With ω·λ_max(D⁻¹A) &lt; 2 — guaranteed by
/// ω &lt; 1 since Gershgorin bounds λ(D⁻¹A) by 2 for these diagonally dominant operators — the smoother converges in
/// the energy norm and the V-cycle is SPD (e.g. Trottenberg, Oosterlee &amp; Schüller, Multigrid, §2.5 / Tatebe 1993).
/// </summary>
internal sealed class MultigridPreconditioner : IPreconditioner
{
    /// <summary>Coarsening stops once a level has at most this many cells.</summary>
    public const int CoarsestMaxCells = 256;

    /// <summary>Jacobi damping: the 3-D 7-point optimum 6/7 would be tighter; 0.8 leaves margin for heterogeneity.</summary>
    private const float Omega = 0.8f;

    /// <summary>Smoothing sweeps before and after the coarse correction.</summary>
    private const int Sweeps = 2;

    private readonly StencilLevel[] _levels;
    private readonly float[][] _x;
    private readonly float[][] _scratch;
    private readonly float[][] _b;
    private readonly float[][] _r;
    private readonly DenseCholesky _coarsest;

    public MultigridPreconditioner(StencilLevel fine, int maxDegreeOfParallelism)
    {
        var levels = new List<StencilLevel> { fine };
        while (levels[^1].Count > CoarsestMaxCells && (levels[^1].Nx > 1 || levels[^1].Ny > 1 || levels[^1].Nz > 1))
        {
            levels.Add(AggregationCoarsening.Coarsen(levels[^1], maxDegreeOfParallelism));
        }

        _levels = [.. levels];
        _x = [.. _levels.Select(l => l.NewField())];
        _scratch = [.. _levels.Select(l => l.NewField())];
        _b = [.. _levels.Select((l, i) => i == 0 ? [] : l.NewField())];
        _r = [.. _levels.Select((l, i) => i == _levels.Length - 1 ? [] : l.NewField())];
        _coarsest = new DenseCholesky(_levels[^1]);
        BytesPerCell = TrafficModel.VCycleBytesPerFineCell(_levels, Sweeps);
    }

    public double BytesPerCell { get; }

    public float[] Apply(float[] r)
    {
        int last = _levels.Length - 1;
        for (int l = 0; l < last; l++)
        {
            var level = _levels[l];
            var b = l == 0 ? r : _b[l];
            StencilKernels.JacobiFromZero(level, b, _x[l], Omega);
            for (int s = 1; s < Sweeps; s++)
            {
                Sweep(l, b);
            }

            StencilKernels.Residual(level, b, _x[l], _r[l]);
            AggregationCoarsening.Restrict(level, _levels[l + 1], _r[l], _b[l + 1]);
        }

        _coarsest.Solve(last == 0 ? r : _b[last], _x[last]);

        for (int l = last - 1; l >= 0; l--)
        {
            var b = l == 0 ? r : _b[l];
            AggregationCoarsening.ProlongAdd(_levels[l], _levels[l + 1], _x[l + 1], _x[l]);
            for (int s = 0; s < Sweeps; s++)
            {
                Sweep(l, b);
            }
        }

        return _x[0];
    }

    private void Sweep(int l, float[] b)
    {
        StencilKernels.JacobiSweep(_levels[l], b, _x[l], _scratch[l], Omega);
        (_x[l], _scratch[l]) = (_scratch[l], _x[l]);
    }
}

namespace MesoStream.Solver.Numerics;

/// <summary>
/// One symmetric geometric-multigrid W-cycle as the preconditioner of CG: ν damped-Jacobi sweeps before and ν after
/// the coarse correction on every level (Jacobi is a symmetric smoother, so equal pre/post counts make the cycle a
/// symmetric operator), aggregation coarsening (<see cref="AggregationCoarsening"/>) down to at most
/// <see cref="CoarsestMaxCells"/> cells, and an exact Cholesky solve there. With ω·λ_max(D⁻¹A) &lt; 2 — guaranteed by
/// ω &lt; 1 since Gershgorin bounds λ(D⁻¹A) by 2 for these diagonally dominant operators — the smoother converges in
/// the energy norm and the cycle is SPD (e.g. Trottenberg, Oosterlee &amp; Schüller, Multigrid, §2.4–2.5 / Tatebe 1993).
/// <para>
/// Below the finest level every coarse problem is cycled twice (γ = 2, the W-cycle): two steps of a convergent
/// symmetric iteration, I − (I − B·A)², are again symmetric, so the preconditioner stays SPD. Aggregation with
/// piecewise-constant transfer loses accuracy level by level in a V-cycle; cycling the coarse levels twice brings
/// the cycle close to the two-grid rate (Notay &amp; Vassilevski 2008 make the same point for K-cycles). On the
/// 200³ generated structures this halves the active-material iterations (39 → 20) and cuts the pore ones by a
/// third, while the coarse levels cost only (2/8 + 4/64 + …) ≈ ⅓ of a fine-level pass instead of ⅐.
/// </para>
/// </summary>
internal sealed class MultigridPreconditioner : IPreconditioner
{
    /// <summary>Coarsening stops once a level has at most this many cells.</summary>
    public const int CoarsestMaxCells = 256;

    /// <summary>Jacobi damping: the 3-D 7-point optimum 6/7 would be tighter; 0.8 leaves margin for heterogeneity.</summary>
    private const float Omega = 0.8f;

    /// <summary>Smoothing sweeps before and after the coarse correction: an even number, run as fused pairs (<see cref="JacobiPairs"/>).</summary>
    private const int Sweeps = 2;

    /// <summary>Cycles of each coarse level per visit of the level above (γ; 2 = W-cycle).</summary>
    private const int CoarseCycles = 2;

    private readonly StencilLevel[] _levels;
    private readonly float[][] _x;
    private readonly float[][] _scratch;
    private readonly float[][] _b;
    private readonly DenseCholesky _coarsest;

    public MultigridPreconditioner(StencilLevel fine)
    {
        var levels = new List<StencilLevel> { fine };
        while (levels[^1].Count > CoarsestMaxCells && (levels[^1].Nx > 1 || levels[^1].Ny > 1 || levels[^1].Nz > 1))
        {
            levels.Add(AggregationCoarsening.Coarsen(levels[^1]));
        }

        _levels = [.. levels];
        _x = [.. _levels.Select(l => l.NewField())];
        _scratch = [.. _levels.Select(l => l.NewField())];
        _b = [.. _levels.Select((l, i) => i == 0 ? [] : l.NewField())];
        _coarsest = new DenseCholesky(_levels[^1]);
        BytesPerCell = TrafficModel.CycleBytesPerFineCell(_levels, Sweeps, CoarseCycles);
    }

    public double BytesPerCell { get; }

    /// <summary>The finest level's smoother scratch: every fused Jacobi pair writes it before reading it.</summary>
    public float[]? Scratch => _scratch[0];

    public float[] Apply(float[] r, out double rDotZ)
    {
        rDotZ = Cycle(0, r, fromZero: true);
        return _x[0];
    }

    /// <summary>
    /// One cycle on level l for A·x = b, from x = 0 or (the second coarse cycle) from the current x. Returns bᵀx,
    /// summed by the last sweep as it writes x (CG needs rᵀz; this saves it a pass over both fields).
    /// </summary>
    private double Cycle(int l, float[] b, bool fromZero)
    {
        int last = _levels.Length - 1;
        if (l == last)
        {
            _coarsest.Solve(b, _x[l]);
            return FieldOps.Dot(_levels[l], b, _x[l]);
        }

        var level = _levels[l];
        for (int s = 0; s < Sweeps / 2; s++)
        {
            JacobiPairs.Smooth(level, b, _x[l], _scratch[l], Omega, fromZero && s == 0);
        }

        AggregationCoarsening.RestrictResidual(level, _levels[l + 1], b, _x[l], _b[l + 1]);
        // The coarsest solve is exact: a second visit there would change nothing.
        int cycles = l + 1 == last ? 1 : CoarseCycles;
        for (int k = 0; k < cycles; k++)
        {
            Cycle(l + 1, _b[l + 1], fromZero: k == 0);
        }

        AggregationCoarsening.ProlongAdd(level, _levels[l + 1], _x[l + 1], _x[l]);
        double bDotX = 0;
        for (int s = 0; s < Sweeps / 2; s++)
        {
            bDotX = JacobiPairs.Smooth(level, b, _x[l], _scratch[l], Omega, fromZero: false);
        }

        return bDotX;
    }
}

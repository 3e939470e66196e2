namespace MesoStream.Solver.Numerics;

/// <summary>
/// Preconditioned conjugate gradients (Hestenes–Stiefel; Saad, Iterative Methods, Alg. 9.1) on single-precision
/// fields with double-precision dot products. Work vectors are allocated once per solve; an iteration allocates
/// nothing beyond the fork/join of its kernels. q = A·p lives in the preconditioner's scratch field when it has one
/// (<see cref="IPreconditioner.Scratch"/>): q is dead by the time the preconditioner runs, so one field serves both.
/// </summary>
internal sealed class ConjugateGradient
{
    private readonly StencilLevel _level;
    private readonly IPreconditioner _preconditioner;
    private readonly float[] _p;
    private readonly float[] _q;

    public ConjugateGradient(StencilLevel level, IPreconditioner preconditioner)
    {
        _level = level;
        _preconditioner = preconditioner;
        _p = level.NewField();
        _q = preconditioner.Scratch ?? level.NewField();
    }

    /// <summary>
    /// Adds to <paramref name="x"/> the solution e of A·e = b, iterated from e = 0 until the recursively updated
    /// ‖r‖ ≤ <paramref name="relativeTolerance"/>·‖b‖ or <paramref name="maxIterations"/> iterations. Returns the
    /// iterations taken. <paramref name="r"/> holds b on entry and the recursive residual on return: the caller's
    /// right-hand side is consumed in place, which saves a field and a copy per call.
    /// </summary>
    public int Solve(float[] r, double[] x, double relativeTolerance, int maxIterations)
    {
        Array.Clear(_p);
        double stop = relativeTolerance * Math.Sqrt(FieldOps.Dot(_level, r, r));
        if (stop == 0)
        {
            return 0;
        }

        var z = _preconditioner.Apply(r, out double rz);
        if (ReferenceEquals(z, r))
        {
            rz = FieldOps.Dot(_level, r, r);
        }

        FieldOps.UpdateDirection(_level, _p, z, 0);
        for (int iteration = 1; iteration <= maxIterations; iteration++)
        {
            double pq = StencilKernels.ApplyAndDot(_level, _p, _q);
            if (!(pq > 0))
            {
                // Breakdown: p has no energy left, which in exact arithmetic means r = 0.
                return iteration;
            }

            double alpha = rz / pq;
            double rr = FieldOps.UpdateSolutionAndResidual(_level, x, r, _p, _q, alpha);
            if (Math.Sqrt(rr) <= stop || iteration == maxIterations)
            {
                return iteration;
            }

            z = _preconditioner.Apply(r, out double rzNext);
            if (ReferenceEquals(z, r))
            {
                rzNext = rr;
            }

            FieldOps.UpdateDirection(_level, _p, z, rzNext / rz);
            rz = rzNext;
        }

        return maxIterations;
    }
}

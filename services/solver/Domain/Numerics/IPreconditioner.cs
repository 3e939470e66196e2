namespace MesoStream.Solver.Numerics;

/// <summary>z = M⁻¹·r for a symmetric positive-definite M, as conjugate gradients requires.</summary>
internal interface IPreconditioner
{
    /// <summary>
    /// Returns the array holding z (valid until the next call) and rᵀz, summed while z is written. When z is r
    /// itself (M = I) <paramref name="rDotZ"/> is NaN: the caller already has rᵀr.
    /// </summary>
    float[] Apply(float[] r, out double rDotZ);

    /// <summary>Bytes streamed through memory by one application, per fine cell (traffic model for the benchmark).</summary>
    double BytesPerCell { get; }

    /// <summary>
    /// A fine-level field that <see cref="Apply"/> writes before it reads and does not need between applications,
    /// which the caller may use for its own short-lived vector (CG's A·p), or null.
    /// </summary>
    float[]? Scratch { get; }
}

/// <summary>No preconditioning (M = I): plain conjugate gradients, the benchmark baseline.</summary>
internal sealed class IdentityPreconditioner : IPreconditioner
{
    public static IdentityPreconditioner Instance { get; } = new();

    public float[] Apply(float[] r, out double rDotZ)
    {
        rDotZ = double.NaN;
        return r;
    }

    public double BytesPerCell => 0;

    public float[]? Scratch => null;
}

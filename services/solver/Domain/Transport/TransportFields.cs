using MesoStream.Solver.Numerics;

namespace MesoStream.Solver.Transport;

/// <summary>
/// The solved fields of one solve, read a z-plane at a time (x fastest), as TauFactor shows them: the concentration
/// (c = 1 at the inlet reservoir, 0 at the outlet; NaN outside the voxels of the solve) and the magnitude of the flux
/// at voxel centres, each component the mean of the voxel's two face fluxes g·Δc along that axis (reservoir faces
/// included), in units of D0·(c_in − c_out) per voxel edge: summed over a plane normal to the axis, the flux along
/// it is D_eff·A/L.
/// </summary>
public sealed class TransportFields
{
    private readonly StencilLevel _level;
    private readonly double[] _c;

    internal TransportFields(string phase, Axis axis, TransportResult result, StencilLevel level, double[] concentration)
    {
        (Phase, Axis, Result, _level, _c) = (phase, axis, result, level, concentration);
    }

    public string Phase { get; }
    public Axis Axis { get; }
    public TransportResult Result { get; }
    public int Nx => _level.Nx;
    public int Ny => _level.Ny;
    public int Nz => _level.Nz;

    /// <summary>Writes plane z of the concentration into <paramref name="target"/> (Nx·Ny values).</summary>
    public void ConcentrationPlane(int z, Span<float> target)
    {
        RequirePlane(z, target);
        for (int y = 0; y < Ny; y++)
        {
            for (int x = 0; x < Nx; x++)
            {
                int i = _level.Index(x, y, z);
                target[x + Nx * y] = _level.IsInside(i) ? (float)_c[i] : float.NaN;
            }
        }
    }

    /// <summary>Writes plane z of the flux magnitude into <paramref name="target"/> (Nx·Ny values; 0 outside the solve).</summary>
    public void FluxMagnitudePlane(int z, Span<float> target)
    {
        RequirePlane(z, target);
        int row = _level.RowStride, plane = _level.Plane;
        for (int y = 0; y < Ny; y++)
        {
            for (int x = 0; x < Nx; x++)
            {
                int i = _level.Index(x, y, z);
                if (!_level.IsInside(i))
                {
                    target[x + Nx * y] = 0;
                    continue;
                }

                double reservoir = Reservoir(i);
                double jx = Component(i, 1, _level.FaceX(i - 1), _level.FaceX(i), Axis == Axis.X, x, Nx, reservoir);
                double jy = Component(i, row, _level.FaceY(i - row), _level.FaceY(i), Axis == Axis.Y, y, Ny, reservoir);
                double jz = Component(i, plane, _level.FaceZ(i - plane), _level.FaceZ(i), Axis == Axis.Z, z, Nz, reservoir);
                target[x + Nx * y] = (float)Math.Sqrt(jx * jx + jy * jy + jz * jz);
            }
        }
    }

    /// <summary>β of cell i, the conductance to a reservoir: the diagonal less its faces (2k on the inlet and outlet layers, else 0).</summary>
    private double Reservoir(int i) =>
        _level.Diagonal(i) - (_level.FaceX(i) + _level.FaceX(i - 1) + _level.FaceY(i) + _level.FaceY(i - _level.RowStride)
            + _level.FaceZ(i) + _level.FaceZ(i - _level.Plane));

    /// <summary>Mean of the fluxes through the low and high faces along one axis; on the flow axis the end layers exchange with the reservoirs.</summary>
    private double Component(int i, int step, double gLow, double gHigh, bool flowAxis, int at, int n, double reservoir)
    {
        double c = _c[i];
        double low = gLow * (_c[i - step] - c);
        double high = gHigh * (c - _c[i + step]);
        if (flowAxis && at == 0)
        {
            low = reservoir * (1 - c) / (n == 1 ? 2 : 1);
        }

        if (flowAxis && at == n - 1)
        {
            high = reservoir * c / (n == 1 ? 2 : 1);
        }

        return (low + high) / 2;
    }

    private void RequirePlane(int z, Span<float> target)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(z);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(z, Nz);
        if (target.Length < Nx * Ny)
        {
            throw new ArgumentException($"a plane holds {Nx * Ny} values; the target has {target.Length}", nameof(target));
        }
    }
}

namespace MesoStream.Contracts.Structures;

/// <summary>
/// One active-material ellipsoid. Lengths in µm; the domain's origin is the outer corner of voxel (0, 0, 0), so voxel
/// (i, j, k) has its centre at ((i + ½)h, (j + ½)h, (k + ½)h) for voxel edge h. Semi-axis <see cref="A"/> lies along the
/// unit vector U (the Eq. 6 direction), <see cref="B"/> along the unit vector V ⟂ U, and <see cref="C"/> along U × V.
/// Centres may lie near or beyond the domain boundary; the voxelized particle is clipped there.
/// </summary>
public readonly record struct Particle(
    double Cx, double Cy, double Cz,
    double A, double B, double C,
    double Ux, double Uy, double Uz,
    double Vx, double Vy, double Vz)
{
    /// <summary>The third axis direction, U × V.</summary>
    public (double X, double Y, double Z) W => (Uy * Vz - Uz * Vy, Uz * Vx - Ux * Vz, Ux * Vy - Uy * Vx);

    /// <summary>Ellipsoid volume 4/3·π·A·B·C in µm³.</summary>
    public double Volume => 4.0 / 3.0 * Math.PI * A * B * C;
}

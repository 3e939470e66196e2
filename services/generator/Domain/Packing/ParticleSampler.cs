using MesoStream.Contracts.Specs;
using MesoStream.Contracts.Structures;
using MesoStream.Generator.Randomness;

namespace MesoStream.Generator.Packing;

/// <summary>
/// Draws the i-th candidate particle of a structure: centre uniform in the centre window, then the Eq. 6 frame
/// (<see cref="OrientationSampler"/>), semi-axes as the spec gives them (one shape per structure;
/// docs/science.md, "Generator").
/// Draws consume the particle stream strictly in order, so candidate i is the same however candidates are batched.
/// </summary>
public sealed class ParticleSampler
{
    private readonly SemiAxes _axes;
    private readonly OrientationSampler _orientation;
    private readonly double _origin;
    private readonly double _spanX, _spanY, _spanZ;
    private Xoshiro256StarStar _rng;

    public ParticleSampler(StructureSpec spec, CentreWindow window)
    {
        ArgumentNullException.ThrowIfNull(spec);
        _axes = spec.ActiveMaterial.AxesUm;
        _orientation = new OrientationSampler(spec.ActiveMaterial.A1, spec.ActiveMaterial.A2);
        var margin = window == CentreWindow.Dilated ? Math.Max(_axes.A, Math.Max(_axes.B, _axes.C)) : 0.0;
        var h = spec.Grid.VoxelUm;
        _origin = -margin;
        _spanX = spec.Grid.Nx * h + 2 * margin;
        _spanY = spec.Grid.Ny * h + 2 * margin;
        _spanZ = spec.Grid.Nz * h + 2 * margin;
        _rng = Xoshiro256StarStar.ForStream(spec.Seed, RandomStreams.Particles);
    }

    public Particle Next()
    {
        var cx = _origin + _rng.NextDouble() * _spanX;
        var cy = _origin + _rng.NextDouble() * _spanY;
        var cz = _origin + _rng.NextDouble() * _spanZ;
        var (u, v) = _orientation.SampleFrame(ref _rng);
        return new Particle(cx, cy, cz, _axes.A, _axes.B, _axes.C, u.X, u.Y, u.Z, v.X, v.Y, v.Z);
    }
}

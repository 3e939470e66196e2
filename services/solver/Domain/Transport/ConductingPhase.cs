using MesoStream.Contracts.Structures;

namespace MesoStream.Solver.Transport;

/// <summary>
/// Which voxel labels conduct, and how well. The model phases conduct with unit conductivity and everything else not
/// at all (docs/science.md, "Effective properties"); per-label conductivities exist so layered media can be checked against the exact series
/// bound 1/Σ(fᵢ/kᵢ) and parallel bound Σ fᵢ·kᵢ.
/// </summary>
public sealed class ConductingPhase
{
    private readonly float[] _conductivity = new float[256];

    private ConductingPhase(string name) => Name = name;

    /// <summary>Pore space (label 0) for Li⁺ transport; binder is taken as non-conducting.</summary>
    public static ConductingPhase Pore { get; } = Of("pore", VoxelLabels.Pore);

    /// <summary>Active material (label 1) for electronic conduction; binder and pore are non-conducting.</summary>
    public static ConductingPhase ActiveMaterial { get; } = Of("active material", VoxelLabels.ActiveMaterial);

    public string Name { get; }

    /// <summary>The labels given unit conductivity; all others are non-conducting.</summary>
    public static ConductingPhase Of(string name, params byte[] labels)
    {
        ArgumentNullException.ThrowIfNull(labels);
        var phase = new ConductingPhase(name);
        foreach (byte label in labels)
        {
            phase._conductivity[label] = 1f;
        }

        return phase;
    }

    /// <summary>Labels with their conductivity relative to the reference D0 (= 1); unlisted labels do not conduct.</summary>
    public static ConductingPhase WithConductivities(string name, IReadOnlyDictionary<byte, double> conductivities)
    {
        ArgumentNullException.ThrowIfNull(conductivities);
        var phase = new ConductingPhase(name);
        foreach (var (label, k) in conductivities)
        {
            if (!double.IsFinite(k) || k < 0)
            {
                throw new ArgumentOutOfRangeException(nameof(conductivities), k, $"conductivity of label {label} must be finite and non-negative");
            }

            phase._conductivity[label] = (float)k;
        }

        return phase;
    }

    /// <summary>Conductivity of one label (0 = non-conducting).</summary>
    public float Conductivity(byte label) => _conductivity[label];

    internal ReadOnlySpan<float> Conductivities => _conductivity;

    /// <summary>Volume fraction ε of the conducting voxels (all of them, percolating or not).</summary>
    public double VolumeFraction(VoxelGrid grid)
    {
        ArgumentNullException.ThrowIfNull(grid);
        Span<long> histogram = stackalloc long[256];
        foreach (byte label in grid.Labels)
        {
            histogram[label]++;
        }

        long conducting = 0;
        for (int label = 0; label < 256; label++)
        {
            if (_conductivity[label] > 0)
            {
                conducting += histogram[label];
            }
        }

        return (double)conducting / grid.VoxelCount;
    }

    public override string ToString() => Name;
}

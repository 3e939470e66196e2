namespace MesoStream.Contracts.Specs;

/// <summary>
/// The allowed ranges of every spec field. Wider than the paper's study (v_AM 0.40–0.80, binder 0.05–0.10,
/// ω 0.1–0.9, a1/a2 0.1–100) so that a researcher can explore around it, but bounded where the physics or the
/// machine stops making sense.
/// </summary>
public static class SpecLimits
{
    /// <summary>Largest seed: 2^53 − 1, exact in every JSON reader (JavaScript and Python included).</summary>
    public const long MaxSeed = 9_007_199_254_740_991;

    public const int MinGridEdge = 8;

    /// <summary>Grids above 512³ are rejected: 128 Mi voxels is the most one message and one solve should carry.</summary>
    public const int MaxGridEdge = 512;

    public const double MinVoxelUm = 0.01;
    public const double MaxVoxelUm = 100;

    public const double MinActiveFraction = 0.05;
    public const double MaxActiveFraction = 0.90;

    public const double MinSemiAxisUm = 0.1;
    public const double MaxSemiAxisUm = 500;

    /// <summary>A semi-axis shorter than half a voxel cannot be voxelized.</summary>
    public const double MinSemiAxisVoxels = 0.5;

    public const double MinAnisotropy = 0.01;
    public const double MaxAnisotropy = 1000;

    public const double MinBinderFraction = 0.0;
    public const double MaxBinderFraction = 0.30;

    public const double MinOmega = 0.0;
    public const double MaxOmega = 1.0;

    /// <summary>Active material plus binder may fill at most this fraction: a pore phase must remain.</summary>
    public const double MaxSolidFraction = 0.95;

    public const int MaxIdLength = 128;
    public const int MaxCampaignLength = 128;
}

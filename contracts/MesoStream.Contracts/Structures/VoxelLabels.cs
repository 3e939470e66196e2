namespace MesoStream.Contracts.Structures;

/// <summary>
/// Voxel phase labels (docs/science.md, "Voxel labels and volume files"). Raw volumes are uint8, x fastest: index = x +
/// nx·(y + ny·z).
/// </summary>
public static class VoxelLabels
{
    public const byte Pore = 0;
    public const byte ActiveMaterial = 1;
    public const byte Binder = 2;

    /// <summary>Labels above this are not a phase of the three-phase model.</summary>
    public const byte MaxLabel = Binder;
}

using MesoStream.Contracts.Structures;

namespace MesoStream.Solver.Volumes;

/// <summary>
/// A researcher's volume as phase labels, with the mapping from its raw values that produced them and whether that
/// mapping was chosen automatically (so a caller can show the user what was assumed).
/// </summary>
public sealed record LabelledVolume(VoxelGrid Grid, LabelMapping Labels, bool LabelsAutomatic, int BitsPerSample);

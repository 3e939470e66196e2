namespace MesoStream.Contracts.Predictions;

/// <summary>
/// How much one request may ask for. A descriptor row costs microseconds, a spec a structure generation plus its
/// descriptors (~0.1 s at 64³, ~1.5 s at 200³), so specs are capped far below rows and grids above the paper's 200³
/// are refused rather than left to stall the service.
/// </summary>
public static class PredictionLimits
{
    public const int MaxBodyBytes = 4 * 1024 * 1024;

    public const int MaxInputsPerRequest = 10_000;

    public const int MaxSpecsPerRequest = 16;

    public const long MaxSpecVoxels = 200L * 200 * 200;

    /// <summary>
    /// The voxels of all specs of one request together: two 200³ grids, about 3 s of generation and description on
    /// two cores, so one request cannot hold the cores for the 16 × 200³ (~25 s) the per-spec caps alone would allow.
    /// </summary>
    public const long MaxVoxelsPerRequest = 2 * MaxSpecVoxels;
}

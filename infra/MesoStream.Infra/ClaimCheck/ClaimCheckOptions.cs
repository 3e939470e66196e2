namespace MesoStream.Infra.ClaimCheck;

/// <summary>
/// Where large payloads travel instead of the log: a hop with a claim-check directory stores every output value larger
/// than <see cref="ThresholdBytes"/> there and produces the record with an empty value and a
/// <c>mesostream.claim-check</c> header naming it; a hop reading such a record fetches and verifies the payload before
/// its handler sees it. Records keep their key, headers and trace context; only the bytes move.
/// </summary>
public sealed record ClaimCheckOptions(string Directory)
{
    /// <summary>1 MiB: 64³ voxel batches (0.1–0.9 MB) stay in the log; 200³ ones (2.5–24 MB with their particle lists) move out.</summary>
    public const int DefaultThresholdBytes = 1024 * 1024;

    public int ThresholdBytes { get; init; } = DefaultThresholdBytes;
}

namespace MesoStream.Infra.Kafka;

/// <summary>Client and broker limits shared by every MesoStream process.</summary>
public static class KafkaDefaults
{
    /// <summary>
    /// 64 MiB: a Zstd-compressed 200³ three-phase voxel batch is a few MiB, a 512³ one can exceed 16 MiB uncompressed
    /// labels after compression of noisy tomography; Kafka's 1 MB default would reject both.
    /// </summary>
    public const int MaxMessageBytes = 64 * 1024 * 1024;
}

using System.Text.Json;

namespace MesoStream.Generator;

/// <summary>Generation statistics as the snake_case JSON that travels in the voxel batch and the sidecar file.</summary>
public static class GenerationReport
{
    public static string ToJson(GenerationStatistics statistics) => JsonSerializer.Serialize(new
    {
        active_fraction = statistics.ActiveFraction,
        binder_fraction = statistics.BinderFraction,
        particle_count = statistics.ParticleCount,
        overlap_coverage = statistics.OverlapCoverage,
        candidates_rejected = statistics.CandidatesRejected,
        binder_rounds = statistics.BinderRounds,
        packing_seconds = statistics.PackingSeconds,
        binder_seconds = statistics.BinderSeconds,
        seconds = statistics.Seconds,
    });
}

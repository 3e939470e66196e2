namespace MesoStream.Contracts;

/// <summary>
/// The Kafka topics of the pipeline (docs/pipeline.md, "Topics"). Every topic has the same partition count and every
/// hop is keyed by the structure id, so one structure stays on one partition index end to end. Each topic has a
/// dead-letter twin, <c>&lt;topic&gt;.dlq</c>, holding the original key, value and headers plus the error headers of
/// <see cref="MessageHeaders"/>.
/// </summary>
public static class Topics
{
    /// <summary>Key: structure id. Value: JSON <see cref="Specs.StructureSpec"/> (hand-writable, e.g. with kcat).</summary>
    public const string StructureSpec = "structure-spec";

    /// <summary>Key: structure id. Value: Arrow IPC voxel batch (<see cref="Arrow.VoxelBatchCodec"/>).</summary>
    public const string VoxelReady = "voxel-ready";

    /// <summary>Key: structure id. Value: Arrow IPC batch of effective properties, the voxel payload forwarded unchanged.</summary>
    public const string PropertiesComputed = "properties-computed";

    /// <summary>Key: structure id. Value: Arrow IPC feature batch (<see cref="Arrow.FeatureBatchCodec"/>).</summary>
    public const string DescriptorsComputed = "descriptors-computed";

    /// <summary>Key: model name. Value: model version, metrics and the artifact. Compacted.</summary>
    public const string ModelTrained = "model-trained";

    /// <summary>Key: who asked. Value: JSON <c>{"reason": "…"}</c>. The trainer retrains on each (coalesced while it trains).</summary>
    public const string TrainingRequested = "training-requested";

    /// <summary>Key: request id. Value: JSON spec or descriptor row.</summary>
    public const string PredictionRequested = "prediction-requested";

    /// <summary>Key: request id. Value: predicted properties with the model version.</summary>
    public const string Predictions = "predictions";

    /// <summary>Suffix of every dead-letter topic.</summary>
    public const string DeadLetterSuffix = ".dlq";

    /// <summary>The topics one structure passes through, in order, each keyed by its id (a campaign's stages).</summary>
    public static IReadOnlyList<string> StructureStages { get; } = [StructureSpec, VoxelReady, PropertiesComputed, DescriptorsComputed];

    /// <summary>The pipeline's topics, without their dead-letter twins.</summary>
    public static IReadOnlyList<string> Pipeline { get; } =
    [
        .. StructureStages, TrainingRequested, ModelTrained, PredictionRequested, Predictions,
    ];

    /// <summary>Every topic a broker must hold: the pipeline's topics and their dead-letter twins.</summary>
    public static IReadOnlyList<string> All { get; } = [.. Pipeline, .. Pipeline.Select(DeadLetterOf)];

    /// <summary>Topics whose log is compacted (only the latest value per key matters).</summary>
    public static bool IsCompacted(string topic) => topic == ModelTrained;

    /// <summary>The dead-letter topic of <paramref name="topic"/>.</summary>
    public static string DeadLetterOf(string topic) => topic + DeadLetterSuffix;
}

namespace MesoStream.Contracts.Messaging;

/// <summary>
/// Kafka header names. W3C trace context travels in <c>traceparent</c>/<c>tracestate</c>; every message also carries
/// its content type and schema id, so routing and dead-letter code can act without decoding the body.
/// </summary>
public static class MessageHeaders
{
    public const string TraceParent = "traceparent";
    public const string TraceState = "tracestate";
    public const string Baggage = "baggage";

    /// <summary>MIME type of the value, e.g. <see cref="ContentTypes.Json"/>.</summary>
    public const string ContentType = "content-type";

    /// <summary>Schema id with version, e.g. <c>mesostream.structure-spec/1</c>.</summary>
    public const string Schema = "mesostream.schema";

    /// <summary>Provenance: the transactional id (service-instance) that produced the record.</summary>
    public const string ProducedBy = "mesostream.produced.by";

    /// <summary>Dead-letter headers: why the record was rejected and where it came from.</summary>
    public const string ErrorType = "mesostream.error.type";
    public const string ErrorMessage = "mesostream.error.message";
    public const string ErrorField = "mesostream.error.field";
    public const string OriginalTopic = "mesostream.original.topic";
    public const string OriginalPartition = "mesostream.original.partition";
    public const string OriginalOffset = "mesostream.original.offset";
    public const string FailedBy = "mesostream.failed.by";

    /// <summary>
    /// Claim check: the record's value is empty and its payload is the blob of this content hash (<c>sha256:HEX</c>) in
    /// the pipeline's claim-check directory; <see cref="ClaimCheckBytes"/> is the payload's length.
    /// </summary>
    public const string ClaimCheck = "mesostream.claim-check";
    public const string ClaimCheckBytes = "mesostream.claim-check.bytes";

    /// <summary>
    /// Lineage of a hop's output: <c>TOPIC/PARTITION/OFFSET/INDEX/COUNT</c>, the input record it was made from and its
    /// place among that record's outputs. A restarted hop reads it back to skip inputs whose outputs already reached
    /// the log (the embedded broker shows records of unfinished transactions, see TransactionalHop).
    /// </summary>
    public const string Source = "mesostream.source";

    /// <summary>
    /// On model-trained: <c>hmac-sha256:HEX</c>, the HMAC-SHA256 of the artifact's exact bytes under the key the
    /// trainer and the predictors share (<c>--artifact-key-file</c>).
    /// </summary>
    public const string ArtifactSignature = "mesostream.artifact.signature";

    /// <summary>
    /// Provenance of a spec the active-learning planner proposed: the model version it was chosen under, its
    /// acquisition score (mean normalised ensemble spread), its rank in the batch (0 = picked first) and how it was
    /// chosen, in words.
    /// </summary>
    public const string AcquisitionModelVersion = "mesostream.acquisition.model-version";
    public const string AcquisitionScore = "mesostream.acquisition.score";
    public const string AcquisitionRank = "mesostream.acquisition.rank";
    public const string AcquisitionMethod = "mesostream.acquisition.method";

    /// <summary>On a <c>log-truncated</c> dead letter: the end (exclusive) of the lost offsets; <see cref="OriginalOffset"/> is the start.</summary>
    public const string LostUntilOffset = "mesostream.lost.until";
}

/// <summary>Content types written in the <see cref="MessageHeaders.ContentType"/> header.</summary>
public static class ContentTypes
{
    public const string Json = "application/json";
    public const string ArrowStream = "application/vnd.apache.arrow.stream";
}

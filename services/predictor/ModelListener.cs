using MesoStream.Contracts.Models;
using MesoStream.Modelling.Serving;
using MesoStream.Contracts;
using MesoStream.Contracts.Messaging;
using MesoStream.Infra.Kafka;
using MesoStream.Infra.Telemetry;
using MesoStream.Predictor.Serving;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace MesoStream.Predictor.Service;

/// <summary>
/// Follows model-trained and swaps the <see cref="ModelHolder"/> to every newer version. Every replica reads every
/// partition from the beginning (a group-less <see cref="RecordListener"/>: nothing committed), so a restart serves the
/// latest version on the topic: until each partition reports its end, versions are only collected and the highest is
/// loaded once, so the service never starts on an old version and swaps twice. A repeated or older version is ignored.
/// An artifact that does not decode (corrupt bytes, foreign schema) is dead-lettered to model-trained.dlq by the
/// listener with the error headers; the last good model keeps serving. With <c>--artifact-key-file</c>, so is an
/// artifact whose signature header (<see cref="ArtifactSignature"/>) is missing or does not match its bytes.
/// Replayed at each start, such a record is dead-lettered once per start of each replica.
/// </summary>
public sealed class ModelListener(
    KafkaConnection connection,
    HopOptions hop,
    ModelHolder models,
    PredictorOptions options,
    ServiceTelemetry telemetry,
    ILogger<ModelListener> logger) : BackgroundService
{
    private ModelArtifact? _newest;
    private bool _caughtUp;

    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        new RecordListener(connection, new ListenerOptions
        {
            Name = $"{hop.TransactionalId}/models",
            Topics = [Topics.ModelTrained],
            BrokerTimeout = hop.BrokerTimeout,
        }, telemetry, logger).Start(Offer, stoppingToken, CaughtUp);

    private void Offer(InboundRecord record)
    {
        ModelArtifact artifact;
        try
        {
            artifact = Decode(record);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // Whatever is wrong with an artifact (the codec names what it checks; anything else is a bug it did not
            // foresee), the listener dead-letters the record and the last good model stays.
            logger.LogError("predictor: {Topic}[{Partition}]@{Offset} is not a usable model artifact; still serving version {Served}: {Error}",
                record.Topic, record.Partition, record.Offset,
                models.Current?.Version.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "none", e.Message);
            throw;
        }

        if (_caughtUp)
        {
            Serve(artifact);
        }
        else
        {
            _newest = _newest is null || artifact.Version > _newest.Version ? artifact : _newest;
        }
    }

    private void CaughtUp()
    {
        _caughtUp = true;
        if (_newest is not null)
        {
            Serve(_newest);
        }
    }

    private ModelArtifact Decode(InboundRecord record)
    {
        record.RequireSchema(ModelArtifact.SchemaId);
        if (options.ArtifactKey is { } key)
        {
            ArtifactSignature.Verify(key, record.Value, record.Header(MessageHeaders.ArtifactSignature));
        }

        return ModelArtifactCodec.Decode(record.Value);
    }

    private void Serve(ModelArtifact artifact)
    {
        var previous = models.Current?.Version;
        if (models.Offer(artifact))
        {
            logger.LogInformation("predictor: now serving model version {Version} ({Rows} training rows, created {Created:u}; was {Previous})",
                artifact.Version, artifact.DatasetRows, artifact.CreatedUtc, previous?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "none");
        }
        else
        {
            logger.LogInformation("predictor: model version {Version} ignored: version {Served} is served", artifact.Version, previous);
        }
    }
}

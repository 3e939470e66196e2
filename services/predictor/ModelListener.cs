using MesoStream.Modelling.Serving;
using MesoStream.Contracts.Models;
using Confluent.Kafka;
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
/// partition from the beginning (assigned, no group, nothing committed), so a restart serves the latest version on the
/// topic: until each partition reports its end, versions are only collected and the highest is loaded once, so the
/// service never starts on an old version and swaps twice. A repeated or older version is ignored. An artifact that
/// does not decode (corrupt bytes, foreign schema) is dead-lettered to model-trained.dlq with the error headers and
/// logged as an error; the last good model keeps serving. With <c>--artifact-key-file</c>, so is an artifact whose
/// signature header (<see cref="ArtifactSignature"/>) is missing or does not match its bytes. Replayed at each start,
/// such a record is dead-lettered once per start of each replica.
/// </summary>
public sealed class ModelListener(
    KafkaConnection connection,
    HopOptions hop,
    ModelHolder models,
    PredictorOptions options,
    ServiceTelemetry telemetry,
    ILogger<ModelListener> logger) : BackgroundService
{
    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        Task.Factory.StartNew(() => Follow(stoppingToken), CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default);

    private void Follow(CancellationToken stoppingToken)
    {
        var config = connection.Reader($"{hop.ConsumerGroup}-models-{hop.InstanceId}");
        config.EnablePartitionEof = true;
        using var consumer = new ConsumerBuilder<string, byte[]>(config).Build();
        using var deadLetters = new ProducerBuilder<string, byte[]>(connection.IdempotentProducer()).Build();
        if (Partitions(stoppingToken) is not { } partitions)
        {
            return;
        }

        consumer.Assign(partitions.Select(p => new TopicPartitionOffset(p, Offset.Beginning)));
        var unread = partitions.ToHashSet();
        ModelArtifact? newest = null;
        while (!stoppingToken.IsCancellationRequested)
        {
            ConsumeResult<string, byte[]>? record;
            try
            {
                record = consumer.Consume(TimeSpan.FromMilliseconds(200));
            }
            catch (ConsumeException e)
            {
                logger.LogWarning("predictor: reading {Topic} failed, retrying: {Error}", Topics.ModelTrained, e.Error.Reason);
                continue;
            }

            if (record is null)
            {
                continue;
            }

            if (record.IsPartitionEOF)
            {
                if (unread.Remove(record.TopicPartition) && unread.Count == 0)
                {
                    logger.LogInformation("predictor: read {Topic} to its end", Topics.ModelTrained);
                    if (newest is not null)
                    {
                        Serve(newest);
                    }
                }

                continue;
            }

            if (Decode(record, deadLetters) is not { } artifact)
            {
                continue;
            }

            if (unread.Count > 0)
            {
                newest = newest is null || artifact.Version > newest.Version ? artifact : newest;
            }
            else
            {
                Serve(artifact);
            }
        }

        consumer.Close();
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

    private ModelArtifact? Decode(ConsumeResult<string, byte[]> record, IProducer<string, byte[]> deadLetters)
    {
        using var activity = KafkaTracing.StartProcess(telemetry.Source, record, $"{hop.ConsumerGroup}-models");
        try
        {
            var inbound = new InboundRecord(record);
            inbound.RequireSchema(ModelArtifact.SchemaId);
            if (options.ArtifactKey is { } key)
            {
                ArtifactSignature.Verify(key, inbound.Value, inbound.Header(MessageHeaders.ArtifactSignature));
            }

            return ModelArtifactCodec.Decode(inbound.Value);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // Whatever is wrong with an artifact (the codec names what it checks; anything else is a bug it did not
            // foresee), the record is dead-lettered and the last good model stays: model-trained is re-read from
            // offset 0 on every start, so an exception escaping here would crash-loop the predictor.
            KafkaTracing.RecordError(activity, e, DeadLetterHeaders.ErrorTypeOf(e));
            logger.LogError("predictor: {Topic}[{Partition}]@{Offset} key {Key} is not a usable model artifact, dead-lettered; still serving version {Served}: {Error}",
                record.Topic, record.Partition.Value, record.Offset.Value, record.Message.Key,
                models.Current?.Version.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "none", e.Message);
            deadLetters.Produce(Topics.DeadLetterOf(record.Topic), new Message<string, byte[]>
            {
                Key = record.Message.Key,
                Value = record.Message.Value ?? [],
                Headers = DeadLetterHeaders.For(record, e, $"{hop.TransactionalId}/models"),
            });
            deadLetters.Flush(hop.BrokerTimeout);
            telemetry.DeadLettered.Add(1, new KeyValuePair<string, object?>(MessagingConventions.DestinationName, record.Topic));
            return null;
        }
    }

    /// <summary>The topic's partitions, from the cluster's metadata (retried until the broker answers; null once stopping).</summary>
    private List<TopicPartition>? Partitions(CancellationToken stoppingToken)
    {
        using var admin = new AdminClientBuilder(connection.Admin()).Build();
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                var topic = admin.GetMetadata(Topics.ModelTrained, hop.BrokerTimeout).Topics.Single();
                if (topic.Error.Code == ErrorCode.NoError && topic.Partitions.Count > 0)
                {
                    return [.. topic.Partitions.Select(p => new TopicPartition(topic.Topic, p.PartitionId))];
                }

                logger.LogWarning("predictor: {Topic} is not available yet: {Error}", Topics.ModelTrained, topic.Error.Reason);
            }
            catch (KafkaException e)
            {
                logger.LogWarning("predictor: no metadata for {Topic} yet: {Error}", Topics.ModelTrained, e.Error.Reason);
            }

            stoppingToken.WaitHandle.WaitOne(TimeSpan.FromSeconds(1));
        }

        return null;
    }
}

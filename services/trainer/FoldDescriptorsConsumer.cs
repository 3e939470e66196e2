using System.Diagnostics;
using MassTransit;
using MesoStream.Contracts;
using MesoStream.Contracts.Arrow;
using MesoStream.Contracts.Specs;
using MesoStream.Infra.Hosting;
using MesoStream.Infra.Kafka;
using MesoStream.Trainer.Dataset;

namespace MesoStream.Trainer.Service;

/// <summary>
/// descriptors-computed → the dataset: decodes the feature batch (a corrupt one, or one missing a column the dataset
/// needs, or a row under a known id with other values, goes to the dead-letter topic), folds its rows by structure id
/// and produces nothing; the
/// <see cref="DatasetStore"/> persists them before the offsets commit and the <see cref="RetrainingWorker"/> trains.
/// </summary>
public sealed class FoldDescriptorsConsumer(DatasetStore store) : IConsumer<InboundRecord>
{
    public static ServiceDefinition Definition { get; } = new("trainer", Topics.DescriptorsComputed,
        "folds each structure's descriptors and properties into the dataset (one row per structure id, persisted as Parquet), " +
        "retrains every N new structures or on a training-requested record, and publishes each model version to model-trained.")
    {
        Options = TrainerOptions.Help,
    };

    public Task Consume(ConsumeContext<InboundRecord> context)
    {
        var record = context.Message;
        record.RequireSchema(FeatureBatchCodec.SchemaId);
        var rows = DatasetColumns.FromFeatureBatch(FeatureBatchCodec.Decode(record.Value)).ToList();
        // The descriptor service writes one structure per record, keyed by its id; a batch of several (e.g. a bulk
        // import) is keyed by whatever its writer chose.
        if (rows.Count == 1)
        {
            StructureId.RequireKey(record.Key, rows[0].Id);
        }

        var arrival = Activity.Current?.Context ?? default;
        int added = store.Fold(rows, arrival);
        Activity.Current?.SetTag("mesostream.dataset.added", added);
        Activity.Current?.SetTag("mesostream.dataset.duplicates", rows.Count - added);
        return Task.CompletedTask;
    }
}

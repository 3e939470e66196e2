using System.Diagnostics;
using MassTransit;
using MesoStream.Contracts;
using MesoStream.Contracts.Specs;
using MesoStream.Infra.Hosting;
using MesoStream.Infra.Kafka;
using MesoStream.Contracts.Predictions;
using MesoStream.Predictor.Serving;

namespace MesoStream.Predictor.Service;

/// <summary>
/// prediction-requested → predictions: one JSON object per record (a descriptor row or a spec, see
/// <see cref="PredictionRequestJson"/>), answered with the model served when the record is handled, keyed by the
/// request key (the input's id when the record has no key). Malformed, non-finite or out-of-range inputs go to the
/// dead-letter topic naming the field, as do a schema header naming neither a request's nor a spec's schema and
/// an answer the model cannot give as finite numbers. The hop starts only once a model is loaded (<see cref="FirstModelGate"/>), so a
/// request never finds no model: requests sent earlier wait on the topic.
/// </summary>
public sealed class PredictRequestConsumer(ModelHolder models) : IConsumer<InboundRecord>
{
    public static ServiceDefinition Definition { get; } = new("predictor", Topics.PredictionRequested,
        "serves the latest model-trained version (hot-swapped, the last good one kept when an artifact is corrupt): " +
        "answers prediction-requested (descriptor rows or specs, described in-process) on predictions, and HTTP on --urls.")
    {
        OutputTopics = [Topics.Predictions],
        Options = PredictorOptions.Help,
    };

    public Task Consume(ConsumeContext<InboundRecord> context)
    {
        var record = context.Message;
        record.RequireSchema(PredictionRequestJson.SchemaId, StructureSpec.SchemaId);
        var input = PredictionRequestJson.ParseOne(record.Value);
        var model = models.Current ?? throw new InvalidOperationException("the hop runs only once a model is loaded");
        var result = PropertyPredictor.Predict(model, input, record.Key ?? $"{record.Topic}-{record.Partition}-{record.Offset}");
        Activity.Current?.SetTag("mesostream.model.version", result.ModelVersion);
        Activity.Current?.SetTag("mesostream.prediction.extrapolation", result.Validity.Extrapolation);
        record.Reply(new OutboundRecord(Topics.Predictions, record.Key ?? result.Id, PredictionJson.Encode(result),
            PredictionJson.ContentType, PredictionJson.SchemaId));
        return Task.CompletedTask;
    }
}

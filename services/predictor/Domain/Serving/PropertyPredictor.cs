using MesoStream.Contracts.Messaging;
using MesoStream.Descriptor.Descriptors;
using MesoStream.Descriptor.Features;
using MesoStream.Predictor.Requests;
using MesoStream.Trainer.Dataset;
using MesoStream.Trainer.Serving;

namespace MesoStream.Predictor.Serving;

/// <summary>
/// Answers validated inputs with one model: a descriptor row goes straight to <see cref="ModelArtifact.Predict"/>, a
/// spec through <see cref="SpecDescriptors"/> first. Callers pass the model they read once from the
/// <see cref="ModelHolder"/>, so every answer of a request carries the same version.
/// </summary>
public static class PropertyPredictor
{
    /// <summary>Below this many inputs a batch runs on the calling thread: fanning out costs more than it saves.</summary>
    private const int ParallelThreshold = 256;

    /// <param name="fallbackId">The id of an input that brought none (the Kafka key, the position in a batch).</param>
    public static PredictionResult Predict(ModelArtifact model, PredictionInput input, string fallbackId)
    {
        var descriptors = input.Descriptors ?? SpecDescriptors.Compute(input.Spec!);
        Prediction prediction;
        try
        {
            prediction = model.Predict(descriptors);
        }
        catch (InvalidDescriptorException e)
        {
            // Only a spec can get here (rows are checked against DescriptorLimits), e.g. a binder-free spec gives v_s = 0.
            var column = DatasetColumns.Descriptors[DescriptorSymbols.All.ToList().IndexOf(e.Symbol)];
            throw new InvalidMessageException(column, $"the spec's structure has {column} = {e.Value}, which the model cannot take: the features need a positive value", e);
        }

        var named = new Dictionary<string, double>(descriptors.Length, StringComparer.Ordinal);
        for (var d = 0; d < descriptors.Length; d++)
        {
            named[DatasetColumns.Descriptors[d]] = descriptors[d];
        }

        return new PredictionResult(input.Id ?? fallbackId, prediction.ModelVersion, input.Kind, prediction.Properties,
            new PredictionValidity(prediction.Extrapolation, prediction.OutOfRange), named);
    }

    /// <summary>
    /// Every input with the same model, in order; large batches run on all cores. An input that fails (a spec whose
    /// structure cannot be featurized) fails the batch with every such error, each prefixed with its position.
    /// </summary>
    public static IReadOnlyList<PredictionResult> PredictAll(ModelArtifact model, IReadOnlyList<PredictionInput> inputs)
    {
        var results = new PredictionResult[inputs.Count];
        var errors = new FieldError[inputs.Count][];
        void One(int i)
        {
            try
            {
                results[i] = Predict(model, inputs[i], i.ToString(System.Globalization.CultureInfo.InvariantCulture));
            }
            catch (InvalidMessageException e)
            {
                errors[i] = [.. e.Within($"[{i}]").Errors];
            }
        }

        if (inputs.Count < ParallelThreshold && inputs.All(i => i.Kind == InputKind.Descriptors))
        {
            for (var i = 0; i < inputs.Count; i++)
            {
                One(i);
            }
        }
        else
        {
            Parallel.For(0, inputs.Count, One);
        }

        var failed = errors.Where(e => e is not null).SelectMany(e => e).ToList();
        return failed.Count > 0 ? throw new InvalidMessageException(failed) : results;
    }
}

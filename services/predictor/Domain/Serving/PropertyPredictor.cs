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
    /// <summary>Rows per parallel work item of a batch: enough to amortize the fan-out, small enough to balance the cores.</summary>
    private const int RowsPerChunk = 256;

    /// <param name="fallbackId">The id of an input that brought none (the Kafka key, the position in a batch).</param>
    public static PredictionResult Predict(ModelArtifact model, PredictionInput input, string fallbackId)
    {
        var descriptors = Describe(input);
        return Result(input, descriptors, model.Predict(descriptors), fallbackId);
    }

    /// <summary>
    /// Every input with the same model, in order, bit-identical to <see cref="Predict"/> one by one. Specs are
    /// generated and described in parallel; the rows then go through the model in blocks
    /// (<see cref="ModelArtifact.Predict(IReadOnlyList{double[]})"/>), chunks of them on all cores. An input that
    /// fails (a spec whose structure cannot be featurized) fails the batch with every such error, each prefixed with
    /// its position.
    /// </summary>
    public static IReadOnlyList<PredictionResult> PredictAll(ModelArtifact model, IReadOnlyList<PredictionInput> inputs, int maxDegreeOfParallelism = -1)
    {
        var parallel = new ParallelOptions { MaxDegreeOfParallelism = maxDegreeOfParallelism };
        var descriptors = new double[inputs.Count][];
        var errors = new FieldError[inputs.Count][];
        void DescribeOne(int i)
        {
            try
            {
                descriptors[i] = Describe(inputs[i]);
            }
            catch (InvalidMessageException e)
            {
                errors[i] = [.. e.Within($"[{i}]").Errors];
            }
        }

        var specs = Enumerable.Range(0, inputs.Count).Where(i => inputs[i].Kind == InputKind.Spec).ToList();
        Parallel.ForEach(specs, parallel, DescribeOne);
        for (var i = 0; i < inputs.Count; i++)
        {
            if (inputs[i].Kind == InputKind.Descriptors)
            {
                DescribeOne(i);
            }
        }

        var failed = errors.Where(e => e is not null).SelectMany(e => e).ToList();
        if (failed.Count > 0)
        {
            throw new InvalidMessageException(failed);
        }

        var results = new PredictionResult[inputs.Count];
        int chunks = (inputs.Count + RowsPerChunk - 1) / RowsPerChunk;
        Parallel.For(0, chunks, parallel, chunk =>
        {
            int start = chunk * RowsPerChunk, count = Math.Min(RowsPerChunk, inputs.Count - start);
            var predictions = model.Predict(new ArraySegment<double[]>(descriptors, start, count));
            for (var k = 0; k < count; k++)
            {
                var i = start + k;
                results[i] = Result(inputs[i], descriptors[i], predictions[k], i.ToString(System.Globalization.CultureInfo.InvariantCulture));
            }
        });
        return results;
    }

    /// <summary>The input's eleven descriptors (a spec's computed in-process), checked to be featurizable.</summary>
    private static double[] Describe(PredictionInput input)
    {
        var descriptors = input.Descriptors ?? SpecDescriptors.Compute(input.Spec!);
        try
        {
            Featurizer.Check(descriptors);
        }
        catch (InvalidDescriptorException e)
        {
            // Only a spec can get here (rows are checked against DescriptorLimits), e.g. a binder-free spec gives v_s = 0.
            var column = DatasetColumns.Descriptors[DescriptorSymbols.All.ToList().IndexOf(e.Symbol)];
            throw new InvalidMessageException(column, $"the spec's structure has {column} = {e.Value}, which the model cannot take: the features need a positive value", e);
        }

        return descriptors;
    }

    private static PredictionResult Result(PredictionInput input, double[] descriptors, Prediction prediction, string fallbackId)
    {
        var named = new Dictionary<string, double>(descriptors.Length, StringComparer.Ordinal);
        for (var d = 0; d < descriptors.Length; d++)
        {
            named[DatasetColumns.Descriptors[d]] = descriptors[d];
        }

        return new PredictionResult(input.Id ?? fallbackId, prediction.ModelVersion, input.Kind, prediction.Properties,
            new PredictionValidity(prediction.Extrapolation, prediction.OutOfRange), named);
    }
}

using MesoStream.Contracts.Messaging;
using MesoStream.Contracts.Predictions;
using MesoStream.Contracts.Vocabulary;
using MesoStream.Contracts.Models;
using MesoStream.Modelling.Serving;

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
        var prediction = model.Predict(descriptors);
        if (NonFinite(prediction) is { } problem)
        {
            throw new InvalidMessageException([problem]);
        }

        return Result(input, descriptors, prediction, fallbackId);
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
        var unanswerable = new FieldError?[inputs.Count];
        int chunks = (inputs.Count + RowsPerChunk - 1) / RowsPerChunk;
        Parallel.For(0, chunks, parallel, chunk =>
        {
            int start = chunk * RowsPerChunk, count = Math.Min(RowsPerChunk, inputs.Count - start);
            var predictions = model.Predict(new ArraySegment<double[]>(descriptors, start, count));
            for (var k = 0; k < count; k++)
            {
                var i = start + k;
                unanswerable[i] = NonFinite(predictions[k]) is { } problem ? problem with { Field = $"[{i}].{problem.Field}" } : null;
                results[i] = Result(inputs[i], descriptors[i], predictions[k], i.ToString(System.Globalization.CultureInfo.InvariantCulture));
            }
        });
        var refused = unanswerable.OfType<FieldError>().ToList();
        return refused.Count > 0 ? throw new InvalidMessageException(refused) : results;
    }

    /// <summary>
    /// The last line before a number leaves the predictor: a NaN or ±∞ property is refused naming it, never served —
    /// except τ = +∞ of a design its percolation classifier calls non-percolating, which is served with that P.
    /// Inputs within <see cref="Descriptor.Min"/>/<see cref="Descriptor.Max"/> keep every feature finite, so only a model whose coefficients
    /// overflow on an input far outside its training ranges gets here.
    /// </summary>
    private static FieldError? NonFinite(Prediction prediction)
    {
        foreach (var (target, value) in prediction.Properties)
        {
            // τ = +∞ with P(percolates) is an answer (no transport path), not a failed model.
            if (!double.IsFinite(value) && !prediction.IsNonPercolating(target))
            {
                var outside = prediction.Extrapolation ? $"outside its training ranges in {string.Join(", ", prediction.OutOfRange)}" : "inside its training ranges";
                return new FieldError(target, string.Create(System.Globalization.CultureInfo.InvariantCulture,
                    $"model version {prediction.ModelVersion} predicts {value} for {target} from this input ({outside}); a non-finite value is refused, not served"));
            }
        }

        return null;
    }

    /// <summary>The input's eleven descriptors (a spec's computed in-process), checked against <see cref="Descriptor.Min"/>/<see cref="Descriptor.Max"/>.</summary>
    private static double[] Describe(PredictionInput input)
    {
        if (input.Descriptors is { } given)
        {
            return given;
        }

        // Rows were checked when parsed; a spec's structure can still fall outside, e.g. a binder-free spec gives
        // v_s = 0 and binder.omega = 1e-300 (within the spec contract) gives omega = 1e-300.
        var descriptors = SpecDescriptors.Compute(input.Spec!);
        var errors = new FieldErrors();
        for (var d = 0; d < descriptors.Length; d++)
        {
            if (Descriptors.All[d].Check(descriptors[d]) is { } problem)
            {
                errors.Add(Descriptors.Names[d], $"from the spec's structure: {problem}");
            }
        }

        errors.ThrowIfAny();
        return descriptors;
    }

    private static PredictionResult Result(PredictionInput input, double[] descriptors, Prediction prediction, string fallbackId)
    {
        var named = new Dictionary<string, double>(descriptors.Length, StringComparer.Ordinal);
        for (var d = 0; d < descriptors.Length; d++)
        {
            named[Descriptors.Names[d]] = descriptors[d];
        }

        return new PredictionResult(input.Id ?? fallbackId, prediction.ModelVersion, input.Kind, prediction.Properties,
            new PredictionValidity(prediction.Extrapolation, prediction.OutOfRange), named)
        {
            Intervals = prediction.Intervals,
            Percolation = prediction.Percolation,
        };
    }
}

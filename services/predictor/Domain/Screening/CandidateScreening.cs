using MesoStream.Contracts.Specs;
using MesoStream.Contracts.Predictions;
using MesoStream.Predictor.Serving;
using MesoStream.Contracts.Models;
using MesoStream.Modelling.Serving;

namespace MesoStream.Predictor.Screening;

/// <summary>The outcome of a screening: every candidate's prediction and the Pareto front of τ vs σ among them.</summary>
public sealed record ScreeningOutcome(
    IReadOnlyList<StructureSpec> Candidates,
    IReadOnlyList<PredictionResult> Predictions,
    IReadOnlyList<ScreeningPoint> Points,
    IReadOnlyList<ScreeningPoint> Front);

/// <summary>
/// Scores candidate designs with a model, no solver: each spec is generated and described in-process, then predicted.
/// Candidates are handled a few at a time on all cores, reporting progress after each chunk.
/// </summary>
public static class CandidateScreening
{
    public static ScreeningOutcome Run(ModelArtifact model, IReadOnlyList<StructureSpec> candidates, TransportDirection direction, IProgress<int>? progress = null)
    {
        var predictions = new List<PredictionResult>(candidates.Count);
        foreach (var chunk in candidates.Chunk(Math.Max(1, Environment.ProcessorCount * 2)))
        {
            predictions.AddRange(PropertyPredictor.PredictAll(model, [.. chunk.Select(PredictionInput.FromSpec)]));
            progress?.Report(predictions.Count);
        }

        var points = predictions.Select(p => TransportDirections.PointOf(p, direction)).ToList();
        return new ScreeningOutcome(candidates, predictions, points, ParetoFront.Of(points));
    }
}

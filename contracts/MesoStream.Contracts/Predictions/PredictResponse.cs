namespace MesoStream.Contracts.Predictions;

/// <summary>The answer to a batch (<c>POST /predict</c>, <c>mesostream predict --json</c>): every input predicted by the one model version named here.</summary>
public sealed record PredictResponse(int ModelVersion, IReadOnlyList<PredictionResult> Predictions);

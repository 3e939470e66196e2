using MesoStream.Contracts.Predictions;
using MesoStream.Contracts.Vocabulary;
using MesoStream.Predictor.Serving;

namespace MesoStream.Predictor.Screening;

/// <summary>Which τ and σ a screening compares: one direction, or the mean of the three (an isotropic figure of merit).</summary>
public enum TransportDirection
{
    Mean,
    X,
    Y,
    Z,
}

public static class TransportDirections
{
    /// <summary>The (τ, σ) of a prediction along <paramref name="direction"/>.</summary>
    public static ScreeningPoint PointOf(PredictionResult result, TransportDirection direction)
    {
        double Along(Func<int, EffectiveProperty> property) => direction switch
        {
            TransportDirection.X => result.Properties[property(0).Name],
            TransportDirection.Y => result.Properties[property(1).Name],
            TransportDirection.Z => result.Properties[property(2).Name],
            _ => (result.Properties[property(0).Name] + result.Properties[property(1).Name] + result.Properties[property(2).Name]) / 3,
        };

        return new ScreeningPoint(result.Id, Along(EffectiveProperties.Tortuosity), Along(EffectiveProperties.Conductivity));
    }
}

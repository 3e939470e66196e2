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
        double Property(string prefix) => direction switch
        {
            TransportDirection.X => result.Properties[prefix + "_x"],
            TransportDirection.Y => result.Properties[prefix + "_y"],
            TransportDirection.Z => result.Properties[prefix + "_z"],
            _ => (result.Properties[prefix + "_x"] + result.Properties[prefix + "_y"] + result.Properties[prefix + "_z"]) / 3,
        };

        return new ScreeningPoint(result.Id, Property("tau"), Property("sigma"));
    }
}

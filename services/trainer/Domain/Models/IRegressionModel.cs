using MesoStream.Contracts.Models;
namespace MesoStream.Trainer.Models;

/// <summary>A regressor over row-major feature tables (<c>double[row][feature]</c>). Fit may be called once.</summary>
public interface IRegressionModel
{
    string Name { get; }

    void Fit(double[][] rows, double[] target);

    double[] Predict(double[][] rows);

    /// <summary>The fitted model in its serializable serving form; predicts what <see cref="Predict"/> predicts.</summary>
    Contracts.Models.ServingModel ToServingModel();
}

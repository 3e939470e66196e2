using MathNet.Numerics.LinearAlgebra.Double;

namespace MesoStream.Trainer.Models;

/// <summary>Ordinary least squares: min ‖y − Zβ‖² by MathNet's Householder QR on the standardized design.</summary>
public sealed class LinearRegression : LinearModel
{
    public override string Name => "linear";

    protected override double[] Solve(double[][] columns, double[] centredTarget)
    {
        var design = DenseMatrix.OfColumnArrays(columns);
        return design.QR().Solve(DenseVector.OfArray(centredTarget)).ToArray();
    }
}

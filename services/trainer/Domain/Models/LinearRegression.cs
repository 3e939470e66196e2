using MathNet.Numerics.LinearAlgebra.Double;

namespace MesoStream.Trainer.Models;

/// <summary>
/// Ordinary least squares: min ‖y − Zβ‖² on the standardized design, by MathNet's Householder QR. With more
/// features than rows (the 4950-feature design on a small dataset) the problem has no unique solution; it then takes
/// the minimum-norm one through the SVD, which is what numpy's lstsq returns.
/// </summary>
public sealed class LinearRegression : LinearModel
{
    public override string Name => "linear";

    protected override double[] Solve(double[][] columns, double[] centredTarget)
    {
        var design = DenseMatrix.OfColumnArrays(columns);
        var target = DenseVector.OfArray(centredTarget);
        return design.RowCount >= design.ColumnCount
            ? design.QR().Solve(target).ToArray()
            : design.Svd(computeVectors: true).Solve(target).ToArray();
    }
}

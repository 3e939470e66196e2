namespace MesoStream.Contracts.Models;

/// <summary>
/// The space a target is learned in. τ spans 1.3 to several hundred near the percolation threshold and its errors grow
/// with it, so a model fitted to ln τ sees a smooth, homoscedastic target; the prediction is back-transformed (exp) to
/// the paper's raw scale. The trainer chooses per target by cross-validation on the training rows; MesoStream.Modelling's
/// <c>TargetTransforms</c> applies it.
/// </summary>
public enum TargetTransform
{
    /// <summary>y is learned as is.</summary>
    Identity,

    /// <summary>ln y is learned (y &gt; 0), the prediction is exp(ŷ).</summary>
    Log,
}

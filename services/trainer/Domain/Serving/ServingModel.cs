using System.Text.Json.Serialization;

namespace MesoStream.Trainer.Serving;

/// <summary>
/// A fitted model reduced to what prediction needs, in a form that serializes to plain JSON: the predictor on another
/// machine loads it without the training code's state (or ML.NET). Features are the target's selected columns, in
/// the order of <see cref="TargetModel.SelectedFeatures"/>.
/// </summary>
[JsonPolymorphic(TypeDiscriminatorPropertyName = "kind")]
[JsonDerivedType(typeof(LinearServingModel), "linear")]
[JsonDerivedType(typeof(TreeEnsembleServingModel), "tree-ensemble")]
public abstract class ServingModel
{
    public abstract double Predict(ReadOnlySpan<double> features);

    /// <summary>How <see cref="PredictBlock"/> wants its features stored (FastTree's float splits: floats, or doubles rounded to float).</summary>
    internal virtual FeaturePrecision BlockPrecision => FeaturePrecision.Double;

    /// <summary>The prediction for every row of <paramref name="block"/>, equal bit for bit to <see cref="Predict"/> row by row.</summary>
    internal abstract void PredictBlock(FeatureBlock block, Span<double> output);

    /// <summary>Structural problems (array lengths, feature indices out of range, child links that could loop), each naming its field.</summary>
    public abstract IEnumerable<string> Problems(int featureCount);
}

using System.Text.Json.Serialization;

namespace MesoStream.Contracts.Models;

/// <summary>
/// A fitted model reduced to what prediction needs, as plain JSON: the predictor on another machine loads it without
/// the training code's state (or ML.NET). Features are the target's selected columns, in the order of
/// <see cref="TargetModel.Features"/>.
/// </summary>
[JsonPolymorphic(TypeDiscriminatorPropertyName = "kind")]
[JsonDerivedType(typeof(LinearServingModel), "linear")]
[JsonDerivedType(typeof(TreeEnsembleServingModel), "tree-ensemble")]
public abstract class ServingModel
{
    /// <summary>Structural problems (array lengths, feature indices out of range, child links that could loop), each naming its field.</summary>
    public abstract IEnumerable<string> Problems(int featureCount);
}

namespace MesoStream.Modelling.Serving;

/// <summary>How a <see cref="FeatureBlock"/> stores the features a model reads.</summary>
internal enum FeaturePrecision
{
    /// <summary>Doubles as computed (linear models, our CART and AdaBoost trees).</summary>
    Double,

    /// <summary>Doubles rounded to float and back: FastTree's float comparisons, for evaluators that read doubles.</summary>
    DoubleRoundedToSingle,

    /// <summary>Floats: FastTree's float comparisons, twice the SIMD lanes.</summary>
    Single,
}

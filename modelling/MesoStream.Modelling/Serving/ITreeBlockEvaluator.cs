namespace MesoStream.Modelling.Serving;

/// <summary>
/// An ensemble's trees in a form that evaluates a whole <see cref="FeatureBlock"/> tree by tree. Leaf values may be
/// pre-multiplied by the trees' weights (built so for a weighted sum: w·v computed once is the same double as w·v
/// computed per row).
/// </summary>
internal interface ITreeBlockEvaluator
{
    /// <summary>How the block must store the features.</summary>
    FeaturePrecision Precision { get; }

    /// <summary>Writes tree <paramref name="tree"/>'s leaf value for each row: the leaf <see cref="ServingModelEvaluation.Evaluate"/> reaches.</summary>
    void Evaluate(int tree, FeatureBlock block, Span<double> leafValues);

    /// <summary>Adds every tree's leaf value, tree by tree in order, to each row's sum.</summary>
    void AddLeaves(FeatureBlock block, Span<double> sums);
}

namespace MesoStream.Trainer.Serving;

/// <summary>An ensemble's trees in a form that evaluates a whole <see cref="FeatureBlock"/> tree by tree.</summary>
internal interface ITreeBlockEvaluator
{
    /// <summary>Writes tree <paramref name="tree"/>'s leaf value for each row of <paramref name="block"/>, exactly the leaf of <see cref="RegressionTreeNodes.Evaluate"/>.</summary>
    void Evaluate(int tree, FeatureBlock block, Span<double> leafValues);
}

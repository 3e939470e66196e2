using MesoStream.Contracts.Vocabulary;
using MesoStream.Modelling.Featurization;

namespace MesoStream.Trainer.Tests;

public sealed class FeaturizerTests
{
    private static readonly double[] Valid = [0.6, 0.075, 0.5, 0.35, 4.6, 1.67, 0.55, 0.92, 2.8, 1.0, 3.0];

    [Fact]
    public void Has99BaseAnd4950ProductFeaturesWithUniqueNames()
    {
        Assert.Equal(99, FeatureNames.Base.Count);
        Assert.Equal(4950, FeatureNames.All.Count);
        Assert.Equal(4950, FeatureNames.All.Distinct().Count());
        Assert.Equal("v_am*v_am", FeatureNames.All[0]);
        Assert.Equal("v_am*v_am^-1", FeatureNames.All[1]);
        Assert.Equal("ln(a2)*ln(a2)", FeatureNames.All[^1]);
        Assert.Same(FeatureNames.All, FeatureNames.All);
    }

    [Theory]
    [InlineData("gamma^3*mean_pore_size^-3")]
    [InlineData("v_am^2*gamma^0.5")]
    [InlineData("v_s*r_eq^-0.5")]
    [InlineData("v_am^3*v_s^3")]
    [InlineData("r_eq^-1*sphericity^-1")]
    [InlineData("omega^-2*ln(a2)")]
    [InlineData("ln(eccentricity)*ln(eccentricity)")]
    public void ProductsCarryTheirNames(string name)
    {
        var features = Featurizer.Featurize(Valid);
        int index = FeatureNames.All.ToList().IndexOf(name);
        Assert.True(index >= 0, name);
        Assert.Equal(Evaluate(name), features[index], 12);
    }

    [Fact]
    public void AllValuesAreFiniteForValidDescriptors()
    {
        var features = Featurizer.Featurize(Valid);
        Assert.Equal(4950, features.Length);
        Assert.All(features, f => Assert.True(double.IsFinite(f)));
    }

    [Fact]
    public void EveryFeatureIsExactlyTheProductOfItsBasePair()
    {
        var features = Featurizer.Featurize(Valid);
        var baseFeatures = new double[Featurizer.BaseFeatureCount];
        Featurizer.BaseFeatures(Valid, baseFeatures);
        for (int n = 0; n < Featurizer.FeatureCount; n++)
        {
            var (k, l) = FeatureNames.BasePair(n);
            Assert.Equal(FeatureNames.Base[k] + "*" + FeatureNames.Base[l], FeatureNames.All[n]);
            Assert.Equal(features[n], baseFeatures[k] * baseFeatures[l]);
        }

        Assert.Throws<ArgumentOutOfRangeException>(() => FeatureNames.BasePair(Featurizer.FeatureCount));
    }

    [Theory]
    [InlineData(3, 0.0)]
    [InlineData(8, -1.5)]
    [InlineData(0, double.NaN)]
    public void NonPositiveDescriptorGivesAClearError(int index, double value)
    {
        var descriptors = (double[])Valid.Clone();
        descriptors[index] = value;
        var error = Assert.Throws<InvalidDescriptorException>(() => Featurizer.Featurize(descriptors));
        string symbol = Descriptors.Names[index];
        Assert.Equal(symbol, error.Name);
        Assert.Contains(symbol, error.Message);
        Assert.Contains(value.ToString(System.Globalization.CultureInfo.InvariantCulture), error.Message);
    }

    /// <summary>Independent reading of a feature name: "f*g", f = sym, sym^p or ln(sym).</summary>
    private static double Evaluate(string name) => name.Split('*').Select(Factor).Aggregate(1.0, (a, b) => a * b);

    private static double Factor(string factor)
    {
        double Value(string symbol) => Valid[Descriptors.Names.ToList().IndexOf(symbol)];
        if (factor.StartsWith("ln(", StringComparison.Ordinal))
        {
            return Math.Log(Value(factor[3..^1]));
        }

        var parts = factor.Split('^');
        return parts.Length == 1 ? Value(parts[0]) : Math.Pow(Value(parts[0]), double.Parse(parts[1], System.Globalization.CultureInfo.InvariantCulture));
    }
}

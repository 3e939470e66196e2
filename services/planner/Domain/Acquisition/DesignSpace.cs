using MesoStream.Contracts.Models;
using MesoStream.Contracts.Vocabulary;

namespace MesoStream.Planner.Acquisition;

/// <summary>
/// The normalised design space batch diversity is measured in: each spec-determined descriptor mapped to [0, 1] over
/// the model's training range (<see cref="ModelArtifact.DescriptorRanges"/>), on a log scale for the ones campaigns draw
/// log-uniformly (eccentricity, a1, a2: 0.1 and 1 are as far apart as 10 and 100). Distances are Euclidean there.
/// </summary>
public sealed class DesignSpace
{
    private readonly double[] _low;
    private readonly double[] _width;
    private readonly bool[] _logarithmic;

    public DesignSpace(IReadOnlyList<DescriptorRange> ranges)
    {
        var ids = Descriptors.SpecDetermined;
        _low = new double[ids.Count];
        _width = new double[ids.Count];
        _logarithmic = new bool[ids.Count];
        for (int i = 0; i < ids.Count; i++)
        {
            var range = ranges[Descriptors.Of(ids[i]).Index];
            _logarithmic[i] = ids[i] is DescriptorId.Eccentricity or DescriptorId.AnisotropyA1 or DescriptorId.AnisotropyA2;
            double low = Scale(i, range.Min), high = Scale(i, range.Max);
            _low[i] = low;
            _width[i] = high > low ? high - low : 1;
        }
    }

    public double[] Normalise(ReadOnlySpan<double> descriptors)
    {
        var point = new double[_low.Length];
        for (int i = 0; i < point.Length; i++)
        {
            point[i] = (Scale(i, descriptors[i]) - _low[i]) / _width[i];
        }

        return point;
    }

    public static double Distance(ReadOnlySpan<double> a, ReadOnlySpan<double> b)
    {
        double sum = 0;
        for (int i = 0; i < a.Length; i++)
        {
            double d = a[i] - b[i];
            sum += d * d;
        }

        return Math.Sqrt(sum);
    }

    private double Scale(int i, double value) => _logarithmic[i] ? Math.Log(value) : value;
}

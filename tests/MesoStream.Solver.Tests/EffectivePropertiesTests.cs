using MesoStream.Solver.Benchmarking;
using MesoStream.Solver.Properties;
using MesoStream.Solver.Transport;

namespace MesoStream.Solver.Tests;

public class EffectivePropertiesTests
{
    [Fact]
    public void All_nine_properties_come_back_finite_and_consistent_with_single_solves()
    {
        var g = BenchmarkStructures.SpherePack(24, 0.45, 3, seed: 4, binderFraction: 0.08);
        var p = EffectivePropertiesCalculator.Calculate(g);
        Assert.True(p.AllConverged);
        Assert.Equal(g.Fraction(0), p.Porosity);
        foreach (double v in new[] { p.TauX, p.TauY, p.TauZ })
        {
            Assert.True(v >= 1 && double.IsFinite(v));
        }

        foreach (double v in new[] { p.SigmaX, p.SigmaY, p.SigmaZ })
        {
            Assert.True(v > 0 && v < p.ActiveMaterialFraction);
        }

        Assert.True(p.A01 > 0 && p.A02 > 0 && p.A12 > 0);
        Assert.Equal(TortuositySolver.Solve(g, ConductingPhase.Pore, Axis.Y).Tortuosity, p.TauY, 1e-9);
    }

    [Fact]
    public void The_benchmark_reports_timings_bandwidth_and_speed_ups()
    {
        var g = BenchmarkStructures.SpherePack(24, 0.5, 3, seed: 2);
        var report = SolverBenchmark.Run(g, copyBytes: 64L << 20);
        Assert.Equal(6, report.MultigridSolves.Count);
        Assert.Equal(2, report.PlainCgSolves.Count);
        Assert.True(report.CopyBandwidthBytesPerSecond > 1e8);
        Assert.All(report.MultigridSolves, s => Assert.True(s.Iterations > 0 && s.NsPerVoxelIteration > 0 && s.BandwidthBoundSecondsPerIteration > 0));
        Assert.All(report.SpeedUps, s => Assert.True(s.SpeedUp > 0));
    }
}

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
    public void Phases_solved_side_by_side_give_the_bits_of_one_after_the_other_on_all_cores()
    {
        var g = BenchmarkStructures.SpherePack(48, 0.4, 5, seed: 7, binderFraction: 0.08);
        Axis[] axes = [Axis.X, Axis.Y, Axis.Z];
        var sideBySide = TortuositySolver.Solve(g, [ConductingPhase.Pore, ConductingPhase.ActiveMaterial], axes);

        Assert.Equal(2, sideBySide.Count);
        var alone = new[] { ConductingPhase.Pore, ConductingPhase.ActiveMaterial }
            .Select(phase => TortuositySolver.Solve(g, phase, axes, new SolverOptions { MaxDegreeOfParallelism = 2 })).ToArray();
        for (int phase = 0; phase < 2; phase++)
        {
            for (int a = 0; a < axes.Length; a++)
            {
                Assert.Equal(alone[phase][a].EffectiveDiffusivity, sideBySide[phase][a].EffectiveDiffusivity);
                Assert.Equal(alone[phase][a].Iterations, sideBySide[phase][a].Iterations);
                Assert.True(sideBySide[phase][a].Converged);
            }
        }
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
        Assert.Equal(["pore", "active material"], report.FirstSolveRatios.Select(r => r.Phase));
        Assert.All(report.FirstSolveRatios, r => Assert.True(r.FirstOverNext > 0));
        Assert.InRange(report.SolveBytesPerVoxel, 20, 40);
        Assert.True(report.PeakBytesPerVoxel > report.SolveBytesPerVoxel);
    }
}

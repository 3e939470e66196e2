using System.Globalization;
using MesoStream.Generator;
using MesoStream.Generator.Pictures;

// Times the generator on a preset: bench [fast|paper] [seed] [threads] [omega] [png path]. Reports one line per run;
// the first run of a process includes JIT, so each preset is generated twice and both timings are printed.
var preset = args.Length > 0 ? Enum.Parse<GridPreset>(args[0], ignoreCase: true) : GridPreset.Fast;
var seed = args.Length > 1 ? long.Parse(args[1], CultureInfo.InvariantCulture) : 1;
var threads = args.Length > 2 ? int.Parse(args[2], CultureInfo.InvariantCulture) : Environment.ProcessorCount;
var spec = preset == GridPreset.Fast ? GeneratorPresets.Fast(seed) : GeneratorPresets.Paper(seed);
if (args.Length > 3)
{
    spec = spec with { Binder = spec.Binder with { Omega = double.Parse(args[3], CultureInfo.InvariantCulture) } };
}

GenerationResult? result = null;
for (var run = 1; run <= 2; run++)
{
    result = StructureGenerator.Generate(spec, new GeneratorOptions(threads));
    var s = result.Statistics;
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
        $"run {run} {spec.Grid.Nx}³ threads={threads}: {s.Seconds:F3} s (packing {s.PackingSeconds:F3} s, binder {s.BinderSeconds:F3} s), " +
        $"AM {s.ActiveFraction:F4} (target {spec.ActiveMaterial.VolumeFraction}), binder {s.BinderFraction:F4}, " +
        $"particles {s.ParticleCount}, rejected {s.CandidatesRejected}, overlap {s.OverlapCoverage:F4}, rounds {s.BinderRounds}"));
}

if (args.Length > 4)
{
    SlicePicture.WritePng(result!.Grid, args[4]);
    Console.WriteLine($"wrote {args[4]}");
}

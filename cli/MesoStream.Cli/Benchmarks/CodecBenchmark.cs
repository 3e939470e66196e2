using System.Diagnostics;
using MesoStream.Contracts.Arrow;
using MesoStream.Generator;

namespace MesoStream.Cli.Benchmarks;

/// <summary>One codec measurement on one structure.</summary>
public sealed record CodecMeasurement(
    int Edge,
    string Compression,
    long LabelBytes,
    long PayloadBytes,
    double EncodeMegabytesPerSecond,
    double DecodeMegabytesPerSecond)
{
    public double CompressionRatio => (double)LabelBytes / PayloadBytes;
}

/// <summary>
/// Encode/decode throughput (MB of voxel labels per second) and payload size of voxel batches of a realistic
/// three-phase structure (the generator's fast/paper preset), for each body compression; uncompressed Arrow is the
/// baseline in the same run. Best of several repetitions, after a warm-up.
/// </summary>
public static class CodecBenchmark
{
    public static IReadOnlyList<CodecMeasurement> Run(IEnumerable<int> edges, int repetitions = 5)
    {
        var rows = new List<CodecMeasurement>();
        foreach (var edge in edges)
        {
            var spec = GeneratorPresets.Fast(1) with { Grid = new(edge, edge, edge, 1.0) };
            spec = spec with { Id = spec.ContentId() };
            var structure = StructureGenerator.Generate(spec);
            var batch = new VoxelBatch(spec.Id, structure.Grid, structure.Particles, spec);
            foreach (var compression in Enum.GetValues<ArrowCompression>())
            {
                var payload = VoxelBatchCodec.Encode(batch, compression);
                VoxelBatchCodec.Decode(payload);
                var encode = Best(repetitions, () => VoxelBatchCodec.Encode(batch, compression));
                var decode = Best(repetitions, () => VoxelBatchCodec.Decode(payload));
                var megabytes = structure.Grid.VoxelCount / 1e6;
                rows.Add(new CodecMeasurement(edge, compression.ToString().ToLowerInvariant(), structure.Grid.VoxelCount,
                    payload.Length, megabytes / encode, megabytes / decode));
            }
        }

        return rows;
    }

    private static double Best(int repetitions, Action action)
    {
        var best = double.MaxValue;
        for (var i = 0; i < repetitions; i++)
        {
            var watch = Stopwatch.StartNew();
            action();
            best = Math.Min(best, watch.Elapsed.TotalSeconds);
        }

        return best;
    }
}

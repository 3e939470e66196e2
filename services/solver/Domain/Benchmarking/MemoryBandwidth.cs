using System.Diagnostics;

namespace MesoStream.Solver.Benchmarking;

/// <summary>
/// The machine's memory copy bandwidth, measured the way the solver streams memory: large copies split across the
/// same number of threads, counting bytes read plus bytes written, best of several runs (STREAM-copy convention).
/// </summary>
public static class MemoryBandwidth
{
    /// <summary>Bytes per second (read + write) of the best of <paramref name="repeats"/> copies of <paramref name="bytes"/>.</summary>
    public static double MeasureCopy(long bytes = 256L << 20, int repeats = 5, int maxDegreeOfParallelism = -1)
    {
        int threads = maxDegreeOfParallelism > 0 ? maxDegreeOfParallelism : Environment.ProcessorCount;
        var source = GC.AllocateUninitializedArray<byte>((int)bytes);
        var target = GC.AllocateUninitializedArray<byte>((int)bytes);
        source.AsSpan().Fill(1);
        target.AsSpan().Clear();
        var options = new ParallelOptions { MaxDegreeOfParallelism = threads };
        long chunk = (bytes + threads - 1) / threads;
        double best = double.MaxValue;
        for (int run = 0; run < repeats; run++)
        {
            var clock = Stopwatch.StartNew();
            Parallel.For(0, threads, options, t =>
            {
                int start = (int)Math.Min(bytes, t * chunk);
                int length = (int)Math.Min(chunk, bytes - start);
                source.AsSpan(start, length).CopyTo(target.AsSpan(start, length));
            });
            best = Math.Min(best, clock.Elapsed.TotalSeconds);
        }

        return 2.0 * bytes / best;
    }
}

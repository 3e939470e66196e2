namespace MesoStream.Solver.Volumes;

/// <summary>
/// A volume held as one byte per voxel, a code standing for a raw value (the raw value itself for 8-bit data), so
/// that a 16-bit segmentation costs no more memory than its labels. Both passes run on every core: at 500³ a serial
/// pass over the codes takes ~0.2 s.
/// </summary>
internal static class LabelCodes
{
    /// <summary>Codes per parallel block: large enough that a block's fork/join is noise, small enough to balance.</summary>
    private const int Block = 1 << 22;

    /// <summary>Which of the 256 codes occur.</summary>
    public static bool[] Present(byte[] codes)
    {
        var present = new bool[256];
        var gate = new Lock();
        Parallel.For(0, Blocks(codes), () => new bool[256], (b, _, seen) =>
        {
            foreach (byte c in Slice(codes, b))
            {
                seen[c] = true;
            }

            return seen;
        }, seen =>
        {
            lock (gate)
            {
                for (int c = 0; c < 256; c++)
                {
                    present[c] |= seen[c];
                }
            }
        });
        return present;
    }

    /// <summary>Replaces every code c by table[c], in place.</summary>
    public static void Apply(byte[] codes, byte[] table) =>
        Parallel.For(0, Blocks(codes), b =>
        {
            var span = Slice(codes, b);
            for (int i = 0; i < span.Length; i++)
            {
                span[i] = table[span[i]];
            }
        });

    private static int Blocks(byte[] codes) => (int)((codes.LongLength + Block - 1) / Block);

    private static Span<byte> Slice(byte[] codes, int block) =>
        codes.AsSpan(block * Block, (int)Math.Min(Block, codes.LongLength - (long)block * Block));
}

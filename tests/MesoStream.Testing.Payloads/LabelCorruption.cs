using System.Buffers;
using Apache.Arrow;
using Apache.Arrow.Ipc;
using Apache.Arrow.Memory;

namespace MesoStream.Testing.Payloads;

/// <summary>
/// Silent corruption of a voxel batch: bytes flipped inside the labels' (possibly compressed) body such that the
/// message still reads and decompresses — judged by Apache.Arrow's own reader, not by the codec under test — but to
/// other labels of the same length. Without a checksum such a message decodes to a different structure, no error.
/// </summary>
public static class LabelCorruption
{
    /// <summary>
    /// Flips (XOR 0x01) <paramref name="count"/> bytes of the labels' body, greedily from the start of the payload's
    /// second half: a flip is kept only if the message still decompresses to labels of the original length and the
    /// flip changed them (so it lies inside the labels' body, not in padding or another column). Null when fewer than
    /// <paramref name="count"/> such flips exist.
    /// </summary>
    public static byte[]? FlipInsideLabels(byte[] payload, int count = 64)
    {
        var current = Labels(payload) ?? throw new ArgumentException("the payload has no readable labels column", nameof(payload));
        var corrupt = (byte[])payload.Clone();
        var flipped = 0;
        for (var at = payload.Length / 2; at < payload.Length && flipped < count; at++)
        {
            corrupt[at] ^= 0x01;
            if (Labels(corrupt) is { } labels && labels.Length == current.Length && !labels.AsSpan().SequenceEqual(current))
            {
                current = labels;
                flipped++;
            }
            else
            {
                corrupt[at] ^= 0x01;
            }
        }

        return flipped == count ? corrupt : null;
    }

    /// <summary>The labels Apache.Arrow's reader decompresses from <paramref name="payload"/>, or null when it cannot.</summary>
    public static byte[]? Labels(byte[] payload)
    {
        try
        {
            using var reader = new ArrowStreamReader(new MemoryStream(payload), new CappedAllocator(), new Apache.Arrow.Compression.CompressionCodecFactory(), leaveOpen: false);
            using var batch = reader.ReadNextRecordBatch();
            var list = (FixedSizeListArray)batch.Column(batch.Schema.GetFieldIndex("labels"));
            var values = (UInt8Array)list.Values;
            return values.Values.Slice(0, values.Length).ToArray();
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            return null;
        }
    }

    /// <summary>A flipped length prefix can declare gigabytes; the reader's buffers here stay under 64 MiB.</summary>
    private sealed class CappedAllocator : MemoryAllocator
    {
        protected override IMemoryOwner<byte> AllocateInternal(int length, out int bytesAllocated)
        {
            if (length > 64 << 20)
            {
                throw new InvalidDataException($"a buffer of {length} bytes");
            }

            bytesAllocated = length;
            return Default.Value.Allocate(length);
        }
    }
}

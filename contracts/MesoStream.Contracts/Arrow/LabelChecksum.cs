using System.Globalization;
using System.IO.Hashing;
using Apache.Arrow;
using MesoStream.Contracts.Messaging;

namespace MesoStream.Contracts.Arrow;

/// <summary>
/// The XXH3-64 checksum of a voxel batch's decoded labels (the nx·ny·nz label bytes, x fastest), written by the encoder
/// as 16 lowercase hex digits in the <c>labels</c> field's metadata under <see cref="MetadataKey"/> and verified by
/// every decode. Arrow's compressed buffers carry no checksum of their own (the IPC format frames a zstd or lz4 body
/// with its uncompressed length only), so bytes flipped inside a body that still decompresses used to yield a
/// different structure with no error. XXH3 (xxHash, Collet; System.IO.Hashing) runs at memory speed, so verifying
/// a 200³ batch costs well under a millisecond against tens of milliseconds of decompression.
/// </summary>
internal static class LabelChecksum
{
    public const string MetadataKey = "xxh3_64";

    public static string Of(ReadOnlySpan<byte> labels) => XxHash3.HashToUInt64(labels).ToString("x16", CultureInfo.InvariantCulture);

    /// <summary>Refuses labels whose checksum is missing from <paramref name="field"/>'s metadata or differs from it.</summary>
    public static void Verify(Field field, ReadOnlySpan<byte> labels)
    {
        if (field.Metadata is null || !field.Metadata.TryGetValue(MetadataKey, out var declared))
        {
            throw new InvalidMessageException(field.Name,
                $"field metadata \"{MetadataKey}\" (the XXH3-64 checksum of the labels) is missing; schema {VoxelBatchCodec.SchemaId} requires it");
        }

        var actual = Of(labels);
        if (!string.Equals(declared, actual, StringComparison.Ordinal))
        {
            throw new InvalidMessageException(field.Name,
                $"checksum mismatch: the decoded labels hash to {actual} but field metadata \"{MetadataKey}\" says \"{FieldError.Quote(declared)}\" " +
                "(corrupted in transit or storage)");
        }
    }
}

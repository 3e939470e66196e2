using System.Runtime.InteropServices;
using Apache.Arrow;
using Apache.Arrow.Compression;
using Apache.Arrow.Ipc;
using MesoStream.Contracts.Messaging;

namespace MesoStream.Contracts.Arrow;

/// <summary>
/// One Arrow IPC stream per Kafka message: schema, one record batch, end-of-stream. Bodies are compressed per buffer
/// (Zstd by default; voxel labels compress far better than Kafka's whole-message codecs would manage after Arrow framing,
/// so producers leave Kafka compression off). Every schema carries <see cref="SchemaMetadataKey"/>.
/// </summary>
public static class ArrowIpc
{
    /// <summary>Schema metadata key holding the schema id with version, e.g. <c>mesostream.voxel-batch/1</c>.</summary>
    public const string SchemaMetadataKey = "mesostream.schema";

    private static readonly CompressionCodecFactory Codecs = new();

    public static byte[] Write(RecordBatch batch, ArrowCompression compression = ArrowCompression.Zstd)
    {
        var options = compression switch
        {
            ArrowCompression.None => new IpcOptions(),
            ArrowCompression.Lz4 => new IpcOptions { CompressionCodecFactory = Codecs, CompressionCodec = CompressionCodecType.Lz4Frame },
            ArrowCompression.Zstd => new IpcOptions { CompressionCodecFactory = Codecs, CompressionCodec = CompressionCodecType.Zstd, CompressionLevel = 1 },
            _ => throw new ArgumentOutOfRangeException(nameof(compression), compression, "unknown compression"),
        };
        using var stream = new MemoryStream();
        using (var writer = new ArrowStreamWriter(stream, batch.Schema, leaveOpen: true, options))
        {
            writer.WriteRecordBatch(batch);
            writer.WriteEnd();
        }

        return stream.ToArray();
    }

    /// <summary>
    /// Reads the single record batch of a payload (a second one is refused) and checks its schema id. Any malformed, truncated or foreign payload
    /// becomes an <see cref="InvalidMessageException"/> naming what was wrong.
    /// </summary>
    public static RecordBatch ReadSingle(ReadOnlyMemory<byte> payload, string expectedSchemaId)
    {
        if (payload.IsEmpty)
        {
            throw new InvalidMessageException("payload", $"is empty; expected an Arrow IPC stream of schema {expectedSchemaId}");
        }

        try
        {
            // Read through a stream so that every buffer, decompressed ones included, comes from a bounded allocator.
            using var stream = AsStream(payload);
            using var reader = new ArrowStreamReader(stream, new BoundedAllocator(), Codecs, leaveOpen: false);
            var schema = reader.Schema
                ?? throw new InvalidMessageException("payload", "holds no Arrow schema message");
            CheckSchemaId(schema, expectedSchemaId);
            var batch = reader.ReadNextRecordBatch()
                ?? throw new InvalidMessageException("payload", "holds a schema but no record batch");
            try
            {
                // A second batch used to be ignored silently; a message is one batch, so it is refused instead.
                using var extra = reader.ReadNextRecordBatch();
                return extra is null ? batch : throw new InvalidMessageException("payload", "holds more than one record batch; a message is exactly one");
            }
            catch
            {
                batch.Dispose();
                throw;
            }
        }
        catch (InvalidMessageException)
        {
            throw;
        }
        catch (Exception e)
        {
            throw new InvalidMessageException("payload", $"is not a readable Arrow IPC stream ({e.GetType().Name}: {e.Message})", e);
        }
    }

    private static MemoryStream AsStream(ReadOnlyMemory<byte> payload) =>
        MemoryMarshal.TryGetArray(payload, out var segment)
            ? new MemoryStream(segment.Array!, segment.Offset, segment.Count, writable: false)
            : new MemoryStream(payload.ToArray(), writable: false);

    private static void CheckSchemaId(Schema schema, string expected)
    {
        if (schema.Metadata is null || !schema.Metadata.TryGetValue(SchemaMetadataKey, out var actual))
        {
            throw new InvalidMessageException(SchemaMetadataKey, $"schema metadata is missing; expected \"{expected}\"");
        }

        if (actual != expected)
        {
            throw new InvalidMessageException(SchemaMetadataKey, $"unknown schema \"{FieldError.Quote(actual)}\"; this build reads \"{expected}\"");
        }
    }
}

/// <summary>Arrow IPC body compression.</summary>
public enum ArrowCompression
{
    None,
    Lz4,
    Zstd,
}

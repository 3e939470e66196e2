using System.Buffers;
using Apache.Arrow.Memory;
using MesoStream.Contracts.Messaging;
using MesoStream.Contracts.Specs;

namespace MesoStream.Contracts.Arrow;

/// <summary>
/// The memory an Arrow IPC read may allocate, checked before it is allocated. A compressed buffer declares its
/// uncompressed length in its first 8 bytes and the reader allocates that much before decompressing, so a 12 KB
/// message could ask for 2 GiB; here such a message is an <see cref="InvalidMessageException"/> naming the size and
/// the limit, not an out-of-memory crash of the service that reads it. One allocator per read (it counts the total).
/// </summary>
internal sealed class BoundedAllocator : MemoryAllocator
{
    /// <summary>
    /// The largest single buffer a valid batch holds: the labels of a 512³ grid (one byte a voxel), with room for the
    /// other columns of the same rows (a particle column of a dense 512³ packing is well under this).
    /// </summary>
    public const long MaxBufferBytes = 2L * SpecLimits.MaxGridEdge * SpecLimits.MaxGridEdge * SpecLimits.MaxGridEdge;

    /// <summary>All buffers of one batch together.</summary>
    public const long MaxTotalBytes = 4 * MaxBufferBytes;

    private long _total;

    protected override IMemoryOwner<byte> AllocateInternal(int length, out int bytesAllocated)
    {
        if (length > MaxBufferBytes)
        {
            throw new InvalidMessageException("payload", $"declares an Arrow buffer of {length} bytes; at most {MaxBufferBytes} are allowed (grids up to {SpecLimits.MaxGridEdge}³)");
        }

        _total += length;
        if (_total > MaxTotalBytes)
        {
            throw new InvalidMessageException("payload", $"declares Arrow buffers of {_total} bytes in all; at most {MaxTotalBytes} are allowed (grids up to {SpecLimits.MaxGridEdge}³)");
        }

        bytesAllocated = length;
        return Default.Value.Allocate(length);
    }
}

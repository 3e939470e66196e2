using MesoStream.Contracts.Messaging;
using MesoStream.Testing.Payloads;

namespace MesoStream.Contracts.Tests;

internal static class CorruptCopies
{
    /// <summary>
    /// Decodes damaged copies of <paramref name="payload"/> (<see cref="RandomCorruption"/>): each either decodes or is
    /// refused with an <see cref="InvalidMessageException"/> naming a field; any other exception fails the test.
    /// </summary>
    public static void AreDecodedOrRefusedByName<T>(Func<ReadOnlyMemory<byte>, T> decode, byte[] payload, int seed, int count = 600)
    {
        foreach (var corrupt in RandomCorruption.Of(payload, seed, count))
        {
            try
            {
                decode(corrupt);
            }
            catch (InvalidMessageException e)
            {
                Assert.False(string.IsNullOrWhiteSpace(e.Errors[0].Field));
            }
        }
    }
}

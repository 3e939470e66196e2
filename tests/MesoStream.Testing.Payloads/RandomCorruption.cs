namespace MesoStream.Testing.Payloads;

/// <summary>
/// Damaged copies of a payload for "refused with a named field, never a crash" tests: every third one truncated at a
/// random length, the others with 5 or 9 random bytes XORed with a random non-zero value. Seeded, so a failure
/// reproduces.
/// </summary>
public static class RandomCorruption
{
    public static IEnumerable<byte[]> Of(byte[] payload, int seed, int count)
    {
        var random = new Random(seed);
        for (var trial = 0; trial < count; trial++)
        {
            var mode = trial % 3;
            if (mode == 0)
            {
                yield return payload[..random.Next(payload.Length)];
                continue;
            }

            var corrupt = (byte[])payload.Clone();
            for (var k = 0; k < 1 + mode * 4; k++)
            {
                corrupt[random.Next(corrupt.Length)] ^= (byte)(1 + random.Next(255));
            }

            yield return corrupt;
        }
    }
}

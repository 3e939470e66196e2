using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace MesoStream.Solver.Numerics;

/// <summary>
/// Asks Linux to back a large array with 2 MiB pages. Transparent huge pages are commonly in "madvise" mode, where
/// only ranges marked with MADV_HUGEPAGE get them, and the runtime does not mark its heap: a 200³ workspace would
/// otherwise take ≈ 110 000 faults of 4 KiB pages on first touch. A hint only; elsewhere, or if refused, nothing
/// changes.
/// </summary>
internal static partial class HugePages
{
    private const int MadvHugePage = 14;
    private const long HugePageBytes = 2 << 20;

    /// <summary>Marks the whole huge pages inside <paramref name="array"/>'s data; call before its first touch.</summary>
    public static unsafe void Advise<T>(T[] array)
        where T : unmanaged
    {
        long bytes = (long)array.Length * sizeof(T);
        if (!OperatingSystem.IsLinux() || bytes < 2 * HugePageBytes)
        {
            return;
        }

        long start = (long)Unsafe.AsPointer(ref MemoryMarshal.GetArrayDataReference(array));
        long first = (start + HugePageBytes - 1) & ~(HugePageBytes - 1);
        long end = (start + bytes) & ~(HugePageBytes - 1);
        _ = Madvise((nint)first, (nuint)(end - first), MadvHugePage);
    }

    [LibraryImport("libc", EntryPoint = "madvise")]
    private static partial int Madvise(nint address, nuint length, int advice);
}

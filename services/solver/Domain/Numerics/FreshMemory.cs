using System.Runtime.InteropServices;

namespace MesoStream.Solver.Numerics;

/// <summary>
/// Asks Linux to back a new large array with 2 MiB transparent huge pages (madvise MADV_HUGEPAGE; THP is in
/// "madvise" mode on the project machines, so nothing gets them unasked). A process's first touch of fresh memory
/// is what makes its first solve slow: on the 2-core VM a 4 KiB page fault costs ~2.6 µs (0.3 GB/s measured with a C
/// loop over mmap'd memory, no faster on two threads), ≈ 10 s for the 3.9 GB of a 500³ solve. With the advice the
/// first 500³ solve ran 0.67–0.78× as long as without, in three alternated pairs (same binary, environment switch).
/// The advice only marks the range; an array that cannot get huge pages still works. Failures are ignored.
/// </summary>
internal static unsafe partial class FreshMemory
{
    private const int MadvHugePage = 14;

    /// <summary>Arrays smaller than this hold at most one huge page: not worth a system call.</summary>
    private const long MinBytes = 4L << 20;

    private static bool s_unavailable = !OperatingSystem.IsLinux();

    /// <summary>Advises huge pages for the whole 4 KiB pages of <paramref name="array"/>; call before first writing it.</summary>
    public static void AdviseHugePages<T>(T[] array)
        where T : unmanaged
    {
        long bytes = (long)array.Length * sizeof(T);
        if (s_unavailable || bytes < MinBytes)
        {
            return;
        }

        // Large arrays live on the large-object heap, which does not move them; fixed only reads the address.
        fixed (T* p = array)
        {
            nint start = ((nint)p + 4095) & ~(nint)4095;
            nint end = ((nint)p + (nint)bytes) & ~(nint)4095;
            try
            {
                _ = Madvise(start, (nuint)(end - start), MadvHugePage);
            }
            catch (Exception e) when (e is DllNotFoundException or EntryPointNotFoundException)
            {
                s_unavailable = true;
            }
        }
    }

    [LibraryImport("libc.so.6", EntryPoint = "madvise")]
    private static partial int Madvise(nint address, nuint length, int advice);
}

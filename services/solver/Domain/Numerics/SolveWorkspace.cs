namespace MesoStream.Solver.Numerics;

/// <summary>
/// The large arrays of a series of solves on one grid (fields, operator coefficients, concentration, masks), kept
/// from one solve to the next instead of allocated afresh. A 200³ solve needs about 440 MB; fresh memory costs a
/// page fault per 4 KiB (measured: ≈ 500 000 faults and 2 s of system time for the six solves of a structure),
/// where a kept array only needs clearing (in parallel, on at most the solve's threads). New arrays are advised onto
/// huge pages (<see cref="FreshMemory"/>), which makes a process's first solve cheaper. A workspace serves one grid
/// shape and one solve at a time.
/// </summary>
internal sealed class SolveWorkspace((int Nx, int Ny, int Nz) shape, int maxDegreeOfParallelism)
{
    private readonly ParallelOptions _parallelism = new() { MaxDegreeOfParallelism = maxDegreeOfParallelism > 0 ? maxDegreeOfParallelism : -1 };

    /// <summary>Whether this workspace keeps arrays for solves on this grid shape with these threads.</summary>
    public bool Serves((int Nx, int Ny, int Nz) gridShape, int threads) =>
        gridShape == shape && threads == maxDegreeOfParallelism;

    /// <summary>Arrays are cleared in blocks of this many bytes, in parallel.</summary>
    private const int ClearBlockBytes = 1 << 20;

    private readonly Dictionary<(Type, int), Stack<Array>> _free = [];
    private readonly List<Array> _lent = [];

    /// <summary>Bytes of every array this workspace holds, lent or kept.</summary>
    public long Bytes => _lent.Concat(_free.Values.SelectMany(s => s)).Sum(ByteLength);

    /// <summary>An array's size in bytes; Buffer.ByteLength would overflow past 2 GiB (a float field of 800³).</summary>
    private static long ByteLength(Array array) =>
        array.LongLength * System.Runtime.InteropServices.Marshal.SizeOf(array.GetType().GetElementType()!);

    /// <summary>A zeroed array of <paramref name="length"/> elements, kept or new.</summary>
    public T[] Rent<T>(int length)
        where T : unmanaged
    {
        T[] array;
        if (_free.TryGetValue((typeof(T), length), out var kept) && kept.Count > 0)
        {
            array = (T[])kept.Pop();
            Clear(array);
        }
        else
        {
            array = new T[length];
            FreshMemory.AdviseHugePages(array);
        }

        _lent.Add(array);
        return array;
    }

    /// <summary>Takes back every array lent since the last call: none of them may be used afterwards.</summary>
    public void Recycle()
    {
        foreach (var array in _lent)
        {
            Keep(array);
        }

        _lent.Clear();
    }

    /// <summary>
    /// Takes back one array before the solve ends (it may not be used afterwards), so that a later rent of the same
    /// type and length in this solve gets it instead of fresh memory: a short-lived array then costs no peak memory.
    /// </summary>
    public void Return(Array array)
    {
        if (!_lent.Remove(array))
        {
            throw new InvalidOperationException("the array was not lent by this workspace");
        }

        Keep(array);
    }

    private void Keep(Array array)
    {
        var key = (array.GetType().GetElementType()!, array.Length);
        if (!_free.TryGetValue(key, out var kept))
        {
            kept = new Stack<Array>();
            _free[key] = kept;
        }

        kept.Push(array);
    }

    private unsafe void Clear<T>(T[] array)
        where T : unmanaged
    {
        int block = Math.Max(1, ClearBlockBytes / sizeof(T));
        int blocks = (array.Length + block - 1) / block;
        Parallel.For(0, blocks, _parallelism, b => Array.Clear(array, b * block, Math.Min(block, array.Length - b * block)));
    }
}

using MesoStream.Generator.Randomness;

namespace MesoStream.Generator.Binder;

/// <summary>
/// The deposition candidates bucketed by neighbourhood class c = 7·n_AM + n_binder (face neighbours, each 0–6). All
/// candidates of a class share one weight, so a weighted draw is: pick a class with probability count_c·w_c / Σ, then
/// a member uniformly — O(number of classes) per draw.
/// <para>
/// A class only ever rises (n_B only grows), so moving a voxel up just appends it to its new class and leaves a stale
/// entry behind; stale entries are recognised (the voxel's current class differs) and dropped when a draw lands on
/// them, and the draw is repeated — uniform over the live members. This keeps updates to sequential appends instead
/// of random-access removals, which dominated the run time at 200³. Counts are exact at all times; the order of the
/// entries, and so every draw, is a deterministic function of the history.
/// </para>
/// </summary>
internal sealed class CandidateClasses
{
    public const int ClassCount = 49;

    /// <summary>Class of each voxel while it is a candidate; 0 for none (0 is not a candidate class: no solid neighbour).</summary>
    private readonly byte[] _classOf;
    private readonly int[][] _entries = new int[ClassCount][];
    private readonly int[] _lengths = new int[ClassCount];
    private readonly int[] _counts = new int[ClassCount];

    public CandidateClasses(long voxelCount)
    {
        _classOf = new byte[voxelCount];
        for (var c = 0; c < ClassCount; c++)
        {
            _entries[c] = new int[16];
        }
    }

    public static int ClassOf(int activeNeighbours, int binderNeighbours) => 7 * activeNeighbours + binderNeighbours;

    /// <summary>Live candidates of class <paramref name="cls"/>.</summary>
    public int Count(int cls) => _counts[cls];

    public bool IsEmpty => _counts.AsSpan().IndexOfAnyExcept(0) < 0;

    /// <summary>Makes a voxel that had no candidate class a member of <paramref name="cls"/>.</summary>
    public void Add(int voxel, int cls)
    {
        _classOf[voxel] = (byte)cls;
        Append(cls, voxel);
    }

    /// <summary>One more binder face neighbour for a pore voxel: its class rises by one (or it becomes a candidate).</summary>
    public void AddBinderNeighbour(int voxel)
    {
        int old = _classOf[voxel];
        if (old != 0)
        {
            _counts[old]--;
        }

        _classOf[voxel] = (byte)(old + 1);
        Append(old + 1, voxel);
    }

    /// <summary>Draws a live member of <paramref name="cls"/> uniformly and removes it from the pool.</summary>
    public int TakeUniform(int cls, ref Xoshiro256StarStar rng)
    {
        var entries = _entries[cls];
        while (true)
        {
            var at = rng.NextBelow(_lengths[cls]);
            var voxel = entries[at];
            entries[at] = entries[--_lengths[cls]];
            if (_classOf[voxel] == cls)
            {
                _classOf[voxel] = 0;
                _counts[cls]--;
                return voxel;
            }
        }
    }

    private void Append(int cls, int voxel)
    {
        var length = _lengths[cls];
        if (length == _entries[cls].Length)
        {
            Array.Resize(ref _entries[cls], length * 2);
        }

        _entries[cls][length] = voxel;
        _lengths[cls] = length + 1;
        _counts[cls]++;
    }
}

namespace MesoStream.Generator.Binder;

/// <summary>
/// The deposition candidates bucketed by neighbourhood class c = 7·n_AM + n_binder (face neighbours, each 0–6). All
/// candidates of a class share one weight, so a weighted draw is: pick a class with probability count_c·w_c / Σ, then
/// a member uniformly — O(number of classes) per draw, and O(1) to move a voxel between classes when a neighbour
/// turns to binder (swap-remove with a per-voxel position index). Members are kept in a deterministic order.
/// </summary>
internal sealed class CandidateClasses
{
    public const int ClassCount = 49;

    private readonly int[][] _members = new int[ClassCount][];
    private readonly int[] _counts = new int[ClassCount];
    private readonly int[] _position;

    public CandidateClasses(long voxelCount)
    {
        _position = new int[voxelCount];
        for (var c = 0; c < ClassCount; c++)
        {
            _members[c] = new int[16];
        }
    }

    public static int ClassOf(int activeNeighbours, int binderNeighbours) => 7 * activeNeighbours + binderNeighbours;

    public int Count(int cls) => _counts[cls];

    public bool IsEmpty => _counts.AsSpan().IndexOfAnyExcept(0) < 0;

    public void Add(int cls, int voxel)
    {
        var count = _counts[cls];
        if (count == _members[cls].Length)
        {
            Array.Resize(ref _members[cls], count * 2);
        }

        _members[cls][count] = voxel;
        _position[voxel] = count;
        _counts[cls] = count + 1;
    }

    public void Remove(int cls, int voxel)
    {
        var last = --_counts[cls];
        var at = _position[voxel];
        var moved = _members[cls][last];
        _members[cls][at] = moved;
        _position[moved] = at;
    }

    public int Member(int cls, int at) => _members[cls][at];
}

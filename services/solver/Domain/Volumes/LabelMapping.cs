using System.Globalization;

namespace MesoStream.Solver.Volumes;

/// <summary>
/// Maps raw voxel values of a researcher's volume (8- or 16-bit, 0–65535) to phase labels (0 pore, 1 AM,
/// 2 binder), e.g. "0=0,255=1" for a binary 0/255 segmentation. Raw values the mapping does not name are an error,
/// not silently a phase.
/// </summary>
public sealed class LabelMapping
{
    /// <summary>The largest raw value a mapping may name: TIFF stacks may be 16-bit.</summary>
    public const int MaxRaw = ushort.MaxValue;

    private readonly SortedDictionary<int, byte> _map;

    private LabelMapping(SortedDictionary<int, byte> map) => _map = map;

    /// <summary>Parses "raw=label[,raw=label…]" with raw 0–65535 and label 0–2.</summary>
    public static LabelMapping Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var map = new SortedDictionary<int, byte>();
        foreach (string pair in text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var parts = pair.Split('=', StringSplitOptions.TrimEntries);
            if (parts.Length != 2
                || !ushort.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out ushort raw)
                || !byte.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out byte label)
                || label > 2)
            {
                throw new FormatException($"label mapping entry '{pair}' is not raw=label with raw 0–{MaxRaw} and label 0 (pore), 1 (AM) or 2 (binder)");
            }

            if (!map.TryAdd(raw, label))
            {
                throw new FormatException($"label mapping names raw value {raw} twice");
            }
        }

        if (map.Count == 0)
        {
            throw new FormatException("label mapping is empty; expected e.g. \"0=0,255=1\"");
        }

        return new LabelMapping(map);
    }

    /// <summary>
    /// The mapping a segmentation gets when none is given: values that are already phase labels keep them; otherwise
    /// two values become pore (the smaller) and active material, three become pore, active material and binder in
    /// ascending order. More than three values cannot be assigned without being told: null.
    /// </summary>
    public static LabelMapping? Automatic(IReadOnlyList<int> presentAscending)
    {
        ArgumentNullException.ThrowIfNull(presentAscending);
        if (presentAscending.All(v => v <= 2))
        {
            return new LabelMapping(new SortedDictionary<int, byte>(presentAscending.ToDictionary(v => v, v => (byte)v)));
        }

        return presentAscending.Count is >= 1 and <= 3
            ? new LabelMapping(new SortedDictionary<int, byte>(presentAscending.Select((v, k) => (v, k)).ToDictionary(p => p.v, p => (byte)p.k)))
            : null;
    }

    /// <summary>The phase label of a raw value, or null when the mapping does not name it.</summary>
    public byte? Map(int raw) => _map.TryGetValue(raw, out byte label) ? label : null;

    public override string ToString() => string.Join(',', _map.Select(p => $"{p.Key}={p.Value}"));
}

using System.Globalization;

namespace MesoStream.Solver.Volumes;

/// <summary>
/// Maps raw voxel values of a researcher's volume to phase labels (0 pore, 1 AM, 2 binder), e.g. "0=0,255=1" for a
/// binary 0/255 segmentation. Raw values the mapping does not name are an error, not silently a phase.
/// </summary>
public sealed class LabelMapping
{
    private readonly short[] _map;

    private LabelMapping(short[] map) => _map = map;

    /// <summary>Parses "raw=label[,raw=label…]" with raw 0–255 and label 0–2.</summary>
    public static LabelMapping Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var map = Enumerable.Repeat((short)-1, 256).ToArray();
        foreach (string pair in text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var parts = pair.Split('=', StringSplitOptions.TrimEntries);
            if (parts.Length != 2
                || !byte.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out byte raw)
                || !byte.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out byte label)
                || label > 2)
            {
                throw new FormatException($"label mapping entry '{pair}' is not raw=label with raw 0–255 and label 0 (pore), 1 (AM) or 2 (binder)");
            }

            if (map[raw] >= 0)
            {
                throw new FormatException($"label mapping names raw value {raw} twice");
            }

            map[raw] = label;
        }

        if (map.All(v => v < 0))
        {
            throw new FormatException("label mapping is empty; expected e.g. \"0=0,255=1\"");
        }

        return new LabelMapping(map);
    }

    /// <summary>The phase label of a raw value, or null when the mapping does not name it.</summary>
    public byte? Map(byte raw) => _map[raw] >= 0 ? (byte)_map[raw] : null;

    public override string ToString() =>
        string.Join(',', Enumerable.Range(0, 256).Where(v => _map[v] >= 0).Select(v => $"{v}={_map[v]}"));
}

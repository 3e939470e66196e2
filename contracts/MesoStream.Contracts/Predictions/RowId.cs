using System.Text.Json;
using MesoStream.Contracts.Specs;

namespace MesoStream.Contracts.Predictions;

/// <summary>
/// What a descriptor row's <c>id</c> may be. It becomes the Kafka key of the answer, a log field and a CSV cell, so
/// besides its length (<see cref="SpecLimits.MaxIdLength"/>, as a spec's id) it may hold no control character (a
/// newline would forge a log line) and must be valid Unicode (an escaped unpaired surrogate is not encodable as a key).
/// </summary>
public static class RowId
{
    /// <summary>Why <paramref name="value"/> is not a row id, or null when it is one.</summary>
    public static string? Problem(JsonElement value)
    {
        string? text;
        try
        {
            text = value.ValueKind == JsonValueKind.String ? value.GetString() : null;
        }
        catch (InvalidOperationException)
        {
            return "holds an unpaired surrogate escape (e.g. \\ud800); an id must be valid Unicode";
        }

        if (text is not { Length: > 0 and <= SpecLimits.MaxIdLength })
        {
            return $"must be a non-empty string of at most {SpecLimits.MaxIdLength} characters";
        }

        var control = text.IndexOfAnyInRange('\u0000', '\u001F') is var low and >= 0 ? low : text.IndexOfAnyInRange('\u007F', '\u009F');
        return control < 0 ? null : $"holds the control character U+{(int)text[control]:X4} at character {control}; an id is printable text";
    }
}

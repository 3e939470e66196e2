using System.Text.RegularExpressions;
using MesoStream.Contracts.Messaging;

namespace MesoStream.Contracts.Specs;

/// <summary>
/// The one rule for a structure id, which every message carries and every hop uses as its record key (docs/pipeline.md,
/// "Keys and partitions"):
/// 1 to <see cref="SpecLimits.MaxIdLength"/> characters, a letter or digit first, then letters, digits and <c>. _ : -</c>
/// (safe as a file name, a Kafka key and a URL segment). An empty id once passed the Arrow codecs and produced output
/// keyed by the empty string.
/// </summary>
public static partial class StructureId
{
    public static readonly string Allowed = $"1 to {SpecLimits.MaxIdLength} characters: a letter or digit, then letters, digits and . _ : -";

    /// <summary>The violation of <paramref name="id"/> read from <paramref name="field"/>, or null when it is a valid id.</summary>
    public static FieldError? Check(string field, string? id) => id switch
    {
        null => new FieldError(field, $"is required: {Allowed}"),
        { Length: 0 } => new FieldError(field, $"is empty; allowed: {Allowed}"),
        { Length: > SpecLimits.MaxIdLength } => new FieldError(field, $"is {id.Length} characters long; allowed: {Allowed}"),
        _ when !Pattern().IsMatch(id) => new FieldError(field, $"\"{FieldError.Quote(id)}\" has a character outside the id alphabet; allowed: {Allowed}"),
        _ => null,
    };

    /// <summary>Throws an <see cref="InvalidMessageException"/> naming <paramref name="field"/> unless <paramref name="id"/> is valid.</summary>
    public static string Require(string field, string? id) =>
        Check(field, id) is { } error ? throw new InvalidMessageException([error]) : id!;

    /// <summary>
    /// The record key must be the id inside the payload: the key places the record on its partition and keys every
    /// output, so a record whose key names another structure would be processed as one and published as the other.
    /// </summary>
    public static void RequireKey(string? key, string id)
    {
        if (key != id)
        {
            throw new InvalidMessageException("key", key is null
                ? $"is missing; the record key must be the structure id \"{FieldError.Quote(id)}\""
                : $"\"{FieldError.Quote(key)}\" differs from the payload's id \"{FieldError.Quote(id)}\"; the record key must be the structure id");
        }
    }

    // \z, not $: in .NET "$" also matches before a final newline, which let "id\n" through.
    [GeneratedRegex(@"^[A-Za-z0-9][A-Za-z0-9._:-]*\z")]
    private static partial Regex Pattern();
}

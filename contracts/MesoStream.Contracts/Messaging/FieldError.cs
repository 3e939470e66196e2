namespace MesoStream.Contracts.Messaging;

/// <summary>
/// One violation of a message contract: the JSON path or Arrow column at fault and what is allowed there. Both are
/// bounded (<see cref="MaxFieldChars"/>, <see cref="MaxMessageChars"/>) and hold no control characters, because either
/// may quote the message itself (a property name of a megabyte, a number of a million digits, a key with a newline
/// that would forge a log line): with <see cref="FieldErrors.MaxKept"/> errors kept, a report stays under
/// 20 × (128 + 512) characters whatever the input.
/// </summary>
public sealed record FieldError
{
    public const int MaxFieldChars = 128;
    public const int MaxMessageChars = 512;

    public FieldError(string field, string message)
    {
        Field = field;
        Message = message;
    }

    public string Field { get; init => field = Clean(value, MaxFieldChars); }

    public string Message { get; init => field = Clean(value, MaxMessageChars); }

    public override string ToString() => $"{Field}: {Message}";

    /// <summary>A value quoted from a message in an error, a log line or a span (an id, a key, a string): at most <paramref name="max"/> characters, control characters escaped.</summary>
    public static string Quote(string value, int max = 40) => value.Length <= max ? Escaped(value) : Escaped(value[..max]) + "…";

    /// <summary>At most <paramref name="max"/> characters of a text that may quote a message, control characters escaped, marked when cut.</summary>
    private static string Clean(string text, int max)
    {
        var escaped = Escaped(text.Length <= max ? text : text[..max]);
        return escaped.Length <= max && text.Length <= max ? escaped : escaped[..(max - 1)] + "…";
    }

    private static string Escaped(string text) =>
        text.Any(char.IsControl) ? string.Concat(text.Select(c => char.IsControl(c) ? $"\\u{(int)c:x4}" : c.ToString())) : text;
}

/// <summary>
/// A message that breaks its contract: malformed JSON or Arrow, an unknown schema version, a missing, unknown, non-finite
/// or out-of-range field. Services send such records to the dead-letter topic instead of retrying them.
/// It keeps at most <see cref="FieldErrors.MaxKept"/> errors and the total count, so a hostile message of 200,000
/// unknown fields yields a short error (dead letter headers, log line, HTTP 400 body), not one as large as itself.
/// </summary>
public sealed class InvalidMessageException : Exception
{
    public InvalidMessageException(IReadOnlyList<FieldError> errors, Exception? inner = null)
        : this(errors, errors.Count, inner)
    {
    }

    public InvalidMessageException(string field, string message, Exception? inner = null)
        : this([new FieldError(field, message)], inner)
    {
    }

    private InvalidMessageException(IReadOnlyList<FieldError> errors, int total, Exception? inner)
        : base(Describe(errors, total), inner)
    {
        if (errors.Count == 0)
        {
            throw new ArgumentException("An invalid message needs at least one error.", nameof(errors));
        }

        Errors = errors.Count <= FieldErrors.MaxKept ? errors : errors.Take(FieldErrors.MaxKept).ToList();
        TotalErrors = Math.Max(total, errors.Count);
    }

    /// <summary>The first errors found (at most <see cref="FieldErrors.MaxKept"/>).</summary>
    public IReadOnlyList<FieldError> Errors { get; }

    /// <summary>How many errors the message had, including those not kept.</summary>
    public int TotalErrors { get; }

    /// <summary>Builds the exception from a collector that may have counted more errors than it kept.</summary>
    public static InvalidMessageException From(FieldErrors errors) => new(errors.Kept, errors.Count, null);

    /// <summary>
    /// The same errors for a message nested in a field of another: every field becomes <c>prefix.field</c>. The inner
    /// exception stays this one's cause, not this one: the hop reports <c>GetBaseException()</c> when it is an
    /// <see cref="InvalidMessageException"/>, which was the unprefixed original, so a forwarded voxel batch's errors
    /// reached the dead letter without their <c>voxel_batch.</c> prefix.
    /// </summary>
    public InvalidMessageException Within(string prefix) =>
        new(Errors.Select(e => e with { Field = $"{prefix}.{e.Field}" }).ToList(), TotalErrors, InnerException);

    private static string Describe(IReadOnlyList<FieldError> errors, int total)
    {
        var shown = errors.Take(FieldErrors.MaxKept);
        var count = Math.Max(total, errors.Count);
        return count == 1 ? errors[0].ToString()
            : count <= FieldErrors.MaxKept ? $"{count} errors: " + string.Join("; ", shown)
            : $"{count} errors, the first {FieldErrors.MaxKept}: " + string.Join("; ", shown);
    }
}

/// <summary>
/// Collects a message's field errors, keeping the first <see cref="MaxKept"/> and counting the rest: what a parser
/// holds and reports stays bounded whatever the input.
/// </summary>
public sealed class FieldErrors
{
    /// <summary>Errors kept in full; enough to fix a message, few enough that a report stays a few kilobytes.</summary>
    public const int MaxKept = 20;

    private readonly List<FieldError> _kept = [];

    public IReadOnlyList<FieldError> Kept => _kept;

    public int Count { get; private set; }

    public void Add(FieldError error)
    {
        Count++;
        if (_kept.Count < MaxKept)
        {
            _kept.Add(error);
        }
    }

    public void Add(string field, string message) => Add(new FieldError(field, message));

    /// <summary>Adds a nested message's errors, counting those it had already dropped.</summary>
    public void Add(InvalidMessageException nested)
    {
        foreach (var error in nested.Errors)
        {
            Add(error);
        }

        Count += nested.TotalErrors - nested.Errors.Count;
    }

    public void ThrowIfAny()
    {
        if (Count > 0)
        {
            throw InvalidMessageException.From(this);
        }
    }
}

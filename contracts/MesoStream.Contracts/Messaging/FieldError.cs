namespace MesoStream.Contracts.Messaging;

/// <summary>One violation of a message contract: the JSON path or Arrow column at fault and what is allowed there.</summary>
public sealed record FieldError(string Field, string Message)
{
    public override string ToString() => $"{Field}: {Message}";
}

/// <summary>
/// A message that breaks its contract: malformed JSON or Arrow, an unknown schema version, a missing, unknown, non-finite
/// or out-of-range field. Services send such records to the dead-letter topic instead of retrying them.
/// </summary>
public sealed class InvalidMessageException : Exception
{
    public InvalidMessageException(IReadOnlyList<FieldError> errors, Exception? inner = null)
        : base(Describe(errors), inner)
    {
        if (errors.Count == 0)
        {
            throw new ArgumentException("An invalid message needs at least one error.", nameof(errors));
        }

        Errors = errors;
    }

    public InvalidMessageException(string field, string message, Exception? inner = null)
        : this([new FieldError(field, message)], inner)
    {
    }

    public IReadOnlyList<FieldError> Errors { get; }

    /// <summary>The same errors for a message nested in a field of another: every field becomes <c>prefix.field</c>.</summary>
    public InvalidMessageException Within(string prefix) =>
        new(Errors.Select(e => e with { Field = $"{prefix}.{e.Field}" }).ToList(), this);

    private static string Describe(IReadOnlyList<FieldError> errors) =>
        errors.Count == 1 ? errors[0].ToString() : $"{errors.Count} errors: " + string.Join("; ", errors);
}

using MesoStream.Contracts.Vocabulary;

namespace MesoStream.Descriptor.Descriptors;

/// <summary>
/// One descriptor: its value, or — when the inputs cannot give it (no particle list, no spec, e.g. a tomography
/// volume) — no value and the reason. Never NaN.
/// </summary>
public sealed record DescriptorValue(DescriptorId Id, double? Value, string? UnavailableReason)
{
    public string Name => Contracts.Vocabulary.Descriptors.NameOf(Id);

    public bool IsAvailable => Value.HasValue;

    public static DescriptorValue Of(DescriptorId id, double value) => new(id, value, null);

    public static DescriptorValue Unavailable(DescriptorId id, string reason) => new(id, null, reason);

    public override string ToString() => IsAvailable ? $"{Name} = {Value}" : $"{Name} unavailable: {UnavailableReason}";
}

namespace MesoStream.Contracts.Vocabulary;

/// <summary>The nine effective properties the solver computes and the models learn (paper, "Outputs").</summary>
public enum PropertyId
{
    TauX,
    TauY,
    TauZ,
    SigmaX,
    SigmaY,
    SigmaZ,
    A01,
    A02,
    A12,
}

/// <summary>One effective property as every stage names it: properties-computed column, dataset column, model target.</summary>
public sealed record EffectiveProperty(PropertyId Id, string Name, string Unit, string Meaning)
{
    /// <summary>Largest value the solver publishes: +∞ only for a tortuosity (the pore space does not percolate).</summary>
    public double Max => Id <= PropertyId.TauZ ? double.PositiveInfinity : double.MaxValue;

    public string Range => Id <= PropertyId.TauZ ? "[0, +∞]" : "[0, +∞)";

    public int Index => (int)Id;

    /// <summary>τ and σ: transport properties solved along an axis (the areas are not).</summary>
    public bool IsTransport => Id <= PropertyId.SigmaZ;
}

/// <summary>
/// The nine effective properties, defined here once. τ is the pore tortuosity factor (+∞ where the pore space does not
/// percolate in that direction), σ the active material's conductivity normalised by its bulk value (0 where it does not
/// percolate), a01/a02/a12 the pore–AM, pore–binder and AM–binder interfacial areas per volume.
/// </summary>
public static class EffectiveProperties
{
    public static IReadOnlyList<EffectiveProperty> All { get; } =
    [
        new(PropertyId.TauX, "tau_x", "1", "pore tortuosity factor along x"),
        new(PropertyId.TauY, "tau_y", "1", "pore tortuosity factor along y"),
        new(PropertyId.TauZ, "tau_z", "1", "pore tortuosity factor along z"),
        new(PropertyId.SigmaX, "sigma_x", "1", "normalised AM conductivity along x"),
        new(PropertyId.SigmaY, "sigma_y", "1", "normalised AM conductivity along y"),
        new(PropertyId.SigmaZ, "sigma_z", "1", "normalised AM conductivity along z"),
        new(PropertyId.A01, "a01", "1/m", "pore–AM interfacial area per volume"),
        new(PropertyId.A02, "a02", "1/m", "pore–binder interfacial area per volume"),
        new(PropertyId.A12, "a12", "1/m", "AM–binder interfacial area per volume"),
    ];

    public const int Count = 9;

    /// <summary>The names in <see cref="PropertyId"/> order.</summary>
    public static IReadOnlyList<string> Names { get; } = [.. All.Select(p => p.Name)];

    public static EffectiveProperty Of(PropertyId id) => All[(int)id];

    public static string NameOf(PropertyId id) => Of(id).Name;

    /// <summary>The property named <paramref name="name"/>, or null.</summary>
    public static EffectiveProperty? Find(string name) => All.FirstOrDefault(p => p.Name == name);

    /// <summary>τ along axis 0, 1, 2 (x, y, z).</summary>
    public static EffectiveProperty Tortuosity(int axis) => All[(int)PropertyId.TauX + CheckAxis(axis)];

    /// <summary>σ along axis 0, 1, 2 (x, y, z).</summary>
    public static EffectiveProperty Conductivity(int axis) => All[(int)PropertyId.SigmaX + CheckAxis(axis)];

    private static int CheckAxis(int axis) => axis is >= 0 and <= 2 ? axis : throw new ArgumentOutOfRangeException(nameof(axis), axis, "an axis is 0 (x), 1 (y) or 2 (z)");

    /// <summary>The transport properties (τ, σ) in x, y, z order, by phase: what the solver's solves are named after.</summary>
    public static IReadOnlyList<EffectiveProperty> Transport { get; } = [.. All.Where(p => p.IsTransport)];
}

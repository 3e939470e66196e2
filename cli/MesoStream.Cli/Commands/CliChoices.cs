using MesoStream.Generator;
using MesoStream.Generator.Campaigns;
using Spectre.Console;

namespace MesoStream.Cli.Commands;

/// <summary>
/// A named choice several verbs take (<c>--preset</c>, <c>--design</c>), parsed and validated in one place so every
/// verb accepts the same names and refuses an unknown one with the same message.
/// </summary>
internal sealed class CliChoice<T>(string option, params (string Name, T Value)[] values)
    where T : struct, Enum
{
    public string Option => option;

    /// <summary>The names, as the help and the error list them.</summary>
    public string Allowed => string.Join(", ", values.Select(v => v.Name));

    public bool TryParse(string? text, out T value)
    {
        foreach (var (name, candidate) in values)
        {
            if (string.Equals(name, text, StringComparison.Ordinal))
            {
                value = candidate;
                return true;
            }
        }

        value = default;
        return false;
    }

    /// <summary>Success for a known name or an absent option (null).</summary>
    public ValidationResult Validate(string? text) =>
        text is null || TryParse(text, out _) ? ValidationResult.Success() : ValidationResult.Error(Unknown(text));

    public T Parse(string text) => TryParse(text, out var value) ? value : throw new ArgumentException(Unknown(text));

    public string NameOf(T value) => values.First(v => EqualityComparer<T>.Default.Equals(v.Value, value)).Name;

    private string Unknown(string text) => $"{option} \"{text}\" is unknown: allowed {Allowed}";
}

/// <summary>The choices of the verbs: every verb with <c>--preset</c> or <c>--design</c> parses it here.</summary>
internal static class CliChoices
{
    /// <summary>fast: 64³ voxels of 1 µm; study: 128³ (the representative volume, `bench rve`); paper: 200³.</summary>
    public static CliChoice<GridPreset> Preset { get; } = new("--preset", ("fast", GridPreset.Fast), ("study", GridPreset.Study), ("paper", GridPreset.Paper));

    /// <summary>How a campaign or a screening samples the paper's parameter ranges.</summary>
    public static CliChoice<SamplingDesign> Design { get; } =
        new("--design", ("sobol", SamplingDesign.Sobol), ("lhs", SamplingDesign.Lhs), ("random", SamplingDesign.Random));

    /// <summary>How <c>up</c> chooses its structures: one Sobol design up front, or active learning (the planner service).</summary>
    public static CliChoice<Pipeline.UpDesign> UpDesign { get; } =
        new("--design", ("sobol", Pipeline.UpDesign.Sobol), ("active", Pipeline.UpDesign.Active));

}

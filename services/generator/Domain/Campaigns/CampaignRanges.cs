namespace MesoStream.Generator.Campaigns;

/// <summary>
/// The parameter box a campaign samples (paper: "Electrode structure generation" and Fig. 4(a);
/// docs/science.md, "Campaign parameter ranges").
/// Axis ratios a/b and a/c of the first (Eq. 6-aligned) semi-axis to the others are log-uniform in
/// [<see cref="MinAxisRatio"/>, <see cref="MaxAxisRatio"/>], which reaches all four Zingg classes (both ≈ 1 spherical,
/// both &gt; 1 prolate, both &lt; 1 oblate, unequal bladed); the size is set by R_eq = (abc)^(1/3) (Eq. 2), so
/// a = R_eq·(a/b · a/c)^(1/3), b = a / (a/b), c = a / (a/c). Anisotropy parameters are log-uniform, the rest uniform.
/// </summary>
public sealed record CampaignRanges(
    double MinActiveFraction,
    double MaxActiveFraction,
    double MinBinderFraction,
    double MaxBinderFraction,
    double MinOmega,
    double MaxOmega,
    double MinAxisRatio,
    double MaxAxisRatio,
    double MinEquivalentRadiusUm,
    double MaxEquivalentRadiusUm,
    double MinAnisotropy,
    double MaxAnisotropy)
{
    /// <summary>The paper's study: v_AM 0.40–0.80, binder 0.05–0.10, ω 0.1–0.9, ratios 0.5–5, R_eq 2–7 µm, a1, a2 0.1–100.</summary>
    public static CampaignRanges Paper { get; } = new(0.40, 0.80, 0.05, 0.10, 0.1, 0.9, 0.5, 5.0, 2.0, 7.0, 0.1, 100.0);
}

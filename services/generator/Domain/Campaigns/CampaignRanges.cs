namespace MesoStream.Generator.Campaigns;

/// <summary>
/// The parameter box a campaign samples (paper: "Electrode structure generation" and Fig. 4(a);
/// docs/science.md, "Campaign parameter ranges").
/// The shape stays in the paper's Zingg region (eccentricity ≤ 5, Fig. 2(c)): with the semi-axes sorted L ≥ I ≥ S,
/// the eccentricity L/S is log-uniform in [1, <see cref="MaxEccentricity"/>], I lies log-uniformly between S and L,
/// and the first (Eq. 6-aligned) semi-axis is the long, the intermediate or the short one with equal chance (the
/// short one first makes a platelet whose normal follows Eq. 6). This reaches all four Zingg classes; the size is set
/// by R_eq = (LIS)^(1/3) (Eq. 2). Anisotropy parameters are log-uniform, the rest uniform.
/// </summary>
public sealed record CampaignRanges(
    double MinActiveFraction,
    double MaxActiveFraction,
    double MinBinderFraction,
    double MaxBinderFraction,
    double MinOmega,
    double MaxOmega,
    double MaxEccentricity,
    double MinEquivalentRadiusUm,
    double MaxEquivalentRadiusUm,
    double MinAnisotropy,
    double MaxAnisotropy)
{
    /// <summary>The paper's study: v_AM 0.40–0.80, binder 0.05–0.10, ω 0.1–0.9, eccentricity L/S 1–5, R_eq 2–7 µm, a1, a2 0.1–100.</summary>
    public static CampaignRanges Paper { get; } = new(0.40, 0.80, 0.05, 0.10, 0.1, 0.9, 5.0, 2.0, 7.0, 0.1, 100.0);
}

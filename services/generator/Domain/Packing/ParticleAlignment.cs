using MesoStream.Contracts.Specs;

namespace MesoStream.Generator.Packing;

/// <summary>
/// The paper's three alignment classes (Figs. 3, 5, 7): particles whose long axes lean along the transport direction
/// z, randomly oriented particles, and particles whose long axes lie across z.
/// </summary>
public enum AlignmentClass
{
    ZAligned,
    Random,
    Perpendicular,
}

/// <summary>
/// Classifies a spec's particles by where their long axes point. Eq. 6 aligns the first semi-axis: a1 &lt; 0.5 draws it
/// near z, a1 &gt; 2 near the x–y plane, in between the directions are close to isotropic (docs/methods.md,
/// "Orientation"). A long or intermediate first axis carries the long axes with it; a short first axis is a platelet's
/// normal, so a normal near z lays the plates flat (across z) and a normal in the x–y plane stands them up (along z).
/// Near-equant particles (longest/shortest axis &lt; 1.5) have no direction to align and count as random.
/// </summary>
public static class ParticleAlignment
{
    public const double AlignedBelow = 0.5;
    public const double PlanarAbove = 2.0;
    public const double MinEccentricity = 1.5;

    public static AlignmentClass Classify(ActiveMaterialSpec particles)
    {
        var (a, b, c) = (particles.AxesUm.A, particles.AxesUm.B, particles.AxesUm.C);
        double longest = Math.Max(a, Math.Max(b, c)), shortest = Math.Min(a, Math.Min(b, c));
        if (longest / shortest < MinEccentricity || particles.A1 is >= AlignedBelow and <= PlanarAbove)
        {
            return AlignmentClass.Random;
        }

        bool firstNearZ = particles.A1 < AlignedBelow;
        bool firstIsNormal = a == shortest && b > a && c > a;
        return firstNearZ != firstIsNormal ? AlignmentClass.ZAligned : AlignmentClass.Perpendicular;
    }
}

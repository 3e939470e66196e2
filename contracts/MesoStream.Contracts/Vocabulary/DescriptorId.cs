namespace MesoStream.Contracts.Vocabulary;

/// <summary>The eleven physical descriptors D1–D11 of the paper's Fig. 9(a), in feature order (see <see cref="Descriptors"/>).</summary>
public enum DescriptorId
{
    /// <summary>D1: active-material voxel fraction.</summary>
    ActiveMaterialFraction = 1,

    /// <summary>D2: binder (secondary phase) voxel fraction.</summary>
    BinderFraction = 2,

    /// <summary>D3: binder morphology factor ω of the deposition rule.</summary>
    BinderMorphology = 3,

    /// <summary>D4: overlap factor γ (Eq. 1).</summary>
    OverlapFactor = 4,

    /// <summary>D5: equivalent radius R_eq (Eq. 2), µm.</summary>
    EquivalentRadius = 5,

    /// <summary>D6: eccentricity a/c (Eq. 3).</summary>
    Eccentricity = 6,

    /// <summary>D7: rectangularity S/S_cuboid (Eq. 4).</summary>
    Rectangularity = 7,

    /// <summary>D8: sphericity (Eq. 5).</summary>
    Sphericity = 8,

    /// <summary>D9: mean pore radius from the c-PSD, µm.</summary>
    MeanPoreRadius = 9,

    /// <summary>D10: anisotropy parameter a1 (Eq. 6).</summary>
    AnisotropyA1 = 10,

    /// <summary>D11: anisotropy parameter a2 (Eq. 6).</summary>
    AnisotropyA2 = 11,
}

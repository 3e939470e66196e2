namespace MesoStream.Solver.Surfaces;

/// <summary>
/// Interfacial area per unit (whole-domain) volume in 1/m: a01 pore–active material, a02 pore–binder,
/// a12 active material–binder (paper, Outputs; docs/science.md, "Interfacial areas").
/// </summary>
public sealed record InterfacialAreas(double A01, double A02, double A12);

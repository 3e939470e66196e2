namespace MesoStream.Solver.Transport;

/// <summary>A transport direction: the Dirichlet faces are the two faces of the domain normal to it.</summary>
public enum Axis
{
    X = 0,
    Y = 1,
    Z = 2,
}

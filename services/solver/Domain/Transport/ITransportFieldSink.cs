namespace MesoStream.Solver.Transport;

/// <summary>Where the fields of a solve go (files, a picture, a test), plane by plane so that none needs a copy of the volume.</summary>
public interface ITransportFieldSink
{
    /// <summary>Called once per percolating solve, before its fields are reused; the argument is valid only during the call.</summary>
    void Write(TransportFields fields);
}

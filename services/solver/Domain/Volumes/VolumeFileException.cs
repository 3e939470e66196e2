namespace MesoStream.Solver.Volumes;

/// <summary>A volume file that cannot be read as a three-phase uint8 label volume; the message says why and what to do.</summary>
public sealed class VolumeFileException : IOException
{
    public VolumeFileException(string message)
        : base(message)
    {
    }

    public VolumeFileException()
    {
    }

    public VolumeFileException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}

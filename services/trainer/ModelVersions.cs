using MesoStream.Trainer.Workflow;
using MesoStream.Modelling.Serving;
using MesoStream.Contracts.Models;
using System.Globalization;

namespace MesoStream.Trainer.Service;

/// <summary>
/// The model versions in <c>DATA/models/vNNNN/</c> (each a <see cref="ModelDirectory"/>). A version counts once its
/// artifact file exists, which <see cref="ModelDirectory.Write"/> creates last, so a crash mid-write leaves no version.
/// </summary>
public sealed class ModelVersions(TrainerOptions options)
{
    public int Latest => Directory.Exists(options.ModelsDirectory)
        ? Directory.EnumerateDirectories(options.ModelsDirectory, "v*")
            .Where(d => File.Exists(Path.Combine(d, ModelArtifactFile.Name)))
            .Select(d => int.TryParse(Path.GetFileName(d)[1..], NumberStyles.None, CultureInfo.InvariantCulture, out var v) ? v : 0)
            .DefaultIfEmpty(0)
            .Max()
        : 0;

    public string DirectoryOf(int version) => Path.Combine(options.ModelsDirectory, $"v{version:D4}");

    /// <summary>The latest version's artifact bytes, or null before the first training.</summary>
    public byte[]? LatestArtifactBytes() => Latest is > 0 and var version
        ? File.ReadAllBytes(Path.Combine(DirectoryOf(version), ModelArtifactFile.Name))
        : null;

    /// <summary>
    /// The latest version decoded, or null before the first training or when this build cannot read it (a version an
    /// older build wrote in an earlier artifact schema): the trainer then trains afresh rather than reuse or republish it.
    /// </summary>
    public ModelArtifact? LatestArtifact()
    {
        if (LatestArtifactBytes() is not { } bytes)
        {
            return null;
        }

        try
        {
            return ModelArtifactCodec.Decode(bytes);
        }
        catch (Contracts.Messaging.InvalidMessageException)
        {
            return null;
        }
    }
}

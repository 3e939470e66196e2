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

    /// <summary>
    /// The latest version, as its bytes (what model-trained carries) and decoded; null before the first training or when
    /// this build cannot read it (a version an older build wrote in an earlier artifact schema): the trainer then trains
    /// afresh rather than reuse or republish it.
    /// </summary>
    public StoredVersion? LatestArtifact()
    {
        if (Latest is not (> 0 and var version))
        {
            return null;
        }

        var bytes = File.ReadAllBytes(Path.Combine(DirectoryOf(version), ModelArtifactFile.Name));
        try
        {
            return new StoredVersion(bytes, ModelArtifactCodec.Decode(bytes));
        }
        catch (Contracts.Messaging.InvalidMessageException)
        {
            return null;
        }
    }
}

/// <summary>A model version on disk: the artifact's bytes and the artifact they decode to.</summary>
public sealed record StoredVersion(byte[] Bytes, ModelArtifact Artifact);

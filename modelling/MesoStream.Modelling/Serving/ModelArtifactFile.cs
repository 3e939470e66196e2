using MesoStream.Contracts.Messaging;
using MesoStream.Contracts.Models;

namespace MesoStream.Modelling.Serving;

/// <summary>The artifact file of a model directory (<c>model.json.gz</c>: exactly the bytes of the model-trained event).</summary>
public static class ModelArtifactFile
{
    public const string Name = "model.json.gz";

    /// <summary>Loads the artifact of a model directory (or a <c>model.json.gz</c> path); a corrupt one throws <see cref="InvalidMessageException"/>.</summary>
    public static ModelArtifact Read(string path)
    {
        var file = Directory.Exists(path) ? Path.Combine(path, Name) : path;
        if (!File.Exists(file))
        {
            throw new FileNotFoundException($"{path}: no model artifact ({Name}) there", file);
        }

        return ModelArtifactCodec.Decode(File.ReadAllBytes(file));
    }
}

using MesoStream.Modelling.Serving;
using MesoStream.Contracts.Models;

namespace MesoStream.Cli.Commands;

/// <summary>The model directory a command predicts with; a missing one is a usage error (exit 2), a corrupt one invalid input.</summary>
internal static class ServedModel
{
    public static ModelArtifact Load(string path) =>
        Directory.Exists(path) || File.Exists(path)
            ? ModelArtifactFile.Read(path)
            : throw new ArgumentException($"--model {path}: no such model directory (write one with `mesostream train --out DIR`)");
}

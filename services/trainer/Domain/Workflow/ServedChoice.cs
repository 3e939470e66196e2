using MesoStream.Contracts.Models;
using MesoStream.Trainer.Tuning;

namespace MesoStream.Trainer.Workflow;

/// <summary>
/// What an earlier model comparison chose for one target and a refit reuses: the served model's grid point (kind,
/// target space, settings) and the feature columns the correlation filter kept, with the comparison it came from.
/// </summary>
public sealed record ServedChoice(ModelCandidate Candidate, int[] Columns, ChoiceProvenance From)
{
    /// <summary>
    /// Reads a served target model back into a choice. Throws <see cref="StaleChoicesException"/> when it cannot be
    /// reused by this build: a settings text the grid no longer has, or a feature name the featurizer no longer makes.
    /// </summary>
    public static ServedChoice Read(TargetModel model, ModelArtifact artifact, int seed)
    {
        var served = model.Report.Models.FirstOrDefault(m => m.Model == model.Model)
            ?? throw new StaleChoicesException($"{model.Target}: the report has no row for the served {model.Model}");
        var candidate = ModelGrid.Find(model.Model, model.Transform, seed, served.Settings ?? string.Empty)
            ?? throw new StaleChoicesException($"{model.Target}: \"{served.Settings}\" of {model.Model} is not a point of this build's grid");
        int missing = Array.IndexOf(model.FeatureColumns, -1);
        if (missing >= 0)
        {
            throw new StaleChoicesException($"{model.Target}: feature \"{model.Features[missing]}\" is not a feature of this build");
        }

        return new ServedChoice(candidate, model.FeatureColumns, model.Report.ChoicesFrom ?? new ChoiceProvenance(artifact.Version, artifact.DatasetRows));
    }
}

/// <summary>An earlier comparison's choices cannot be refitted (see <see cref="ServedChoice.Read"/>): compare the models afresh.</summary>
public sealed class StaleChoicesException(string message) : Exception(message);

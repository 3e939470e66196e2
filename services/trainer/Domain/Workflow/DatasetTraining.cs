using MesoStream.Modelling.Featurization;
using MesoStream.Trainer.Dataset;
using MesoStream.Contracts.Models;
using MesoStream.Contracts.Vocabulary;

namespace MesoStream.Trainer.Workflow;

/// <summary>What one training run over a dataset produced: the artifact to serve and each target's full training.</summary>
public sealed record TrainingOutcome(ModelArtifact Artifact, IReadOnlyDictionary<string, TargetTraining> Targets, int Rows, int Unfeaturizable)
{
    /// <summary>The structure id of each featurized row (the row order of <see cref="TargetTraining.TrainRows"/>/<see cref="TargetTraining.TestRows"/>).</summary>
    public IReadOnlyList<string> RowIds { get; init; } = [];
}

/// <summary>
/// The whole workflow over dataset rows, shared by the offline <c>mesostream train</c> and the trainer service:
/// featurize each row's D1–D11 (99 → 4950; a row with a descriptor ≤ 0 cannot be featurized and is counted), run
/// <see cref="TargetWorkflow"/> per target, and serve per target the model with the best inner cross-validation R²
/// (chosen on training rows only), with its transform, conformal interval and, for a τ with non-percolating rows, the
/// percolation classifier (<see cref="PercolationTraining"/>), and the
/// <see cref="DesignEnsembleTraining">design ensemble</see> the active-learning planner scores candidates with. Rows are taken
/// in structure-id order, so a dataset's content alone determines the models (the fold keeps arrival order).
/// </summary>
public static class DatasetTraining
{
    /// <summary>Fewer usable rows than this cannot give an 80:20 split with a meaningful test set.</summary>
    public const int MinimumRows = 10;

    public static TrainingOutcome Run(
        IReadOnlyList<DatasetRecord> records,
        IReadOnlyList<string> targets,
        WorkflowOptions options,
        int version,
        DateTimeOffset createdUtc,
        IProgress<string>? progress = null) =>
        Train(records, targets, choices: null, options, version, createdUtc, progress);

    /// <summary>
    /// Refits the served models of <paramref name="previous"/> — per target the same model, target space, settings and
    /// features, with no filter and no model comparison (<see cref="TargetWorkflow.Refit"/>) — on the current rows:
    /// the cheap retraining as a dataset grows. Throws <see cref="StaleChoicesException"/> when a choice cannot be
    /// reused by this build; the caller then compares afresh with <see cref="Run"/>.
    /// </summary>
    public static TrainingOutcome Refit(
        IReadOnlyList<DatasetRecord> records,
        ModelArtifact previous,
        WorkflowOptions options,
        int version,
        DateTimeOffset createdUtc,
        IProgress<string>? progress = null)
    {
        var choices = previous.Targets.ToDictionary(t => t.Target, t => ServedChoice.Read(t, previous, options.Seed), StringComparer.Ordinal);
        return Train(records, [.. choices.Keys], choices, options, version, createdUtc, progress);
    }

    /// <summary>The D1…D11 ranges of descriptor rows, as an artifact states those of its training rows.</summary>
    public static DescriptorRange[] RangesOf(IReadOnlyList<double[]> descriptorRows) =>
        [.. DatasetColumns.Descriptors.Select((name, d) => new DescriptorRange(name, descriptorRows.Min(v => v[d]), descriptorRows.Max(v => v[d])))];

    private static TrainingOutcome Train(
        IReadOnlyList<DatasetRecord> records,
        IReadOnlyList<string> targets,
        IReadOnlyDictionary<string, ServedChoice>? choices,
        WorkflowOptions options,
        int version,
        DateTimeOffset createdUtc,
        IProgress<string>? progress)
    {
        var unknown = targets.FirstOrDefault(t => !DatasetColumns.Properties.Contains(t));
        if (unknown is not null)
        {
            throw new ArgumentException($"unknown target \"{unknown}\"; allowed {string.Join(", ", DatasetColumns.Properties)}", nameof(targets));
        }

        // Rows in id order: the same dataset gives the same split and models whatever order the structures arrived in.
        var features = new List<double[]>(records.Count);
        var usable = new List<DatasetRecord>(records.Count);
        foreach (var record in records.OrderBy(r => r.Id, StringComparer.Ordinal))
        {
            try
            {
                features.Add(Featurizer.Featurize(record.Descriptors()));
                usable.Add(record);
            }
            catch (InvalidDescriptorException)
            {
                // Counted below: a structure whose descriptor is 0 (e.g. no binder) is kept in the dataset but cannot enter ln/power features.
            }
        }

        if (usable.Count < MinimumRows)
        {
            throw new ArgumentException($"{usable.Count} usable rows ({records.Count - usable.Count} with a descriptor ≤ 0); at least {MinimumRows} are needed");
        }

        var matrix = features.ToArray();
        var descriptorRows = usable.Select(r => r.Descriptors()).ToList();
        // Targets are independent and each is deterministic, so they train Threads at a time: a target alone leaves
        // a core idle in its serial stretches (the final fits, the filter's sequential resolution).
        var perTarget = new (TargetTraining Training, TargetModel Model)[targets.Count];
        Parallel.For(0, targets.Count, new ParallelOptions { MaxDegreeOfParallelism = Math.Max(1, options.Threads) }, t =>
        {
            string target = targets[t];
            progress?.Report(target);
            var column = DatasetColumns.All.Single(c => c.Column == target);
            double[] values = [.. usable.Select(column.Get)];
            var training = choices is null
                ? TargetWorkflow.Train(matrix, FeatureNames.All, values, options)
                : TargetWorkflow.Refit(matrix, FeatureNames.All, values, choices[target], options);
            var served = training.Served();
            var percolation = PercolationTraining.Train(matrix, values, options);
            var design = DesignEnsembleTraining.Train(descriptorRows, values, DesignEnsembleTraining.SeedFor(options.Seed, target));
            if (percolation is not null)
            {
                training = training with { Result = training.Result with { Percolation = percolation.Report } };
            }

            perTarget[t] = (training, new TargetModel
            {
                Target = target,
                Model = served.Kind,
                Features = training.Result.SelectedFeatures,
                Predictor = served.Model.ToServingModel(),
                Report = training.Result,
                Transform = served.Transform,
                Interval = training.Interval,
                Percolation = percolation?.Classifier,
                Design = design,
            });
        });
        var trained = targets.Select((target, t) => (target, perTarget[t].Training)).ToDictionary(p => p.target, p => p.Training, StringComparer.Ordinal);
        var models = perTarget.Select(p => p.Model).ToList();

        var artifact = new ModelArtifact
        {
            Version = version,
            CreatedUtc = createdUtc,
            DatasetRows = records.Count,
            DatasetHash = TrainingDataset.ContentHashOf(records),
            Seed = options.Seed,
            DescriptorRanges = RangesOf(descriptorRows),
            Targets = models,
        };
        return new TrainingOutcome(artifact, trained, usable.Count, records.Count - usable.Count) { RowIds = [.. usable.Select(r => r.Id)] };
    }
}

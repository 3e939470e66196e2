using MesoStream.Modelling.Serving;
using MesoStream.Contracts.Models;
using System.Text.Json;
using MesoStream.Cli.Rendering;
using MesoStream.Contracts;
using MesoStream.Contracts.Specs;
using MesoStream.Generator.Campaigns;
using Spectre.Console;

namespace MesoStream.Cli.Pipeline;

/// <summary>What one <c>up</c> run found: the campaign's counts from the tracker, the model, the prediction, the report's path.</summary>
internal sealed record UpOutcome(
    int Structures,
    int Described,
    int Resumed,
    int DeadLettered,
    int Resubmitted,
    int LogTruncations,
    IReadOnlyDictionary<string, int> Duplicates,
    TimeSpan Campaign,
    ModelArtifact Model,
    StructureSpec Demo,
    PredictionAnswer Prediction,
    IReadOnlyDictionary<string, long> PeakRssMib,
    string Report,
    string RunDirectory)
{
    public int NewStructures => Described - Resumed;

    public double StructuresPerHour => NewStructures / Campaign.TotalHours;

    /// <summary>The tracker's counts once the campaign is complete; the duplicates per stage topic are the exactly-once check.</summary>
    public static (int DeadLettered, int Resubmitted, int Truncations, Dictionary<string, int> Duplicates) Counts(StageMonitor monitor) => monitor.Track(t =>
        (t.DeadLettered, t.Resubmitted, t.Truncations.Count, new[]
        {
            (Topics.VoxelReady, CampaignStage.Generated), (Topics.PropertiesComputed, CampaignStage.Solved), (Topics.DescriptorsComputed, CampaignStage.Described),
        }.ToDictionary(x => x.Item1, x => t.Duplicates(x.Item2))));
}

/// <summary>
/// The report part of <c>up</c>: prints the outcome (the summary as JSON with <c>--json</c>, else the metrics tables
/// and the prediction), then holds the run to its guarantees — no structure submitted once reached a stage twice,
/// and the dataset holds exactly the described structures — and prints the summary line.
/// </summary>
internal static class UpReport
{
    public static void Write(UpOutcome outcome, bool json, string predictorUrl)
    {
        if (json)
        {
            Console.WriteLine(JsonSerializer.Serialize(new
            {
                structures = outcome.Structures,
                described = outcome.Described,
                resumed = outcome.Resumed,
                deadLettered = outcome.DeadLettered,
                resubmitted = outcome.Resubmitted,
                logTruncations = outcome.LogTruncations,
                duplicates = outcome.Duplicates,
                campaignSeconds = outcome.Campaign.TotalSeconds,
                structuresPerHour = outcome.StructuresPerHour,
                modelVersion = outcome.Model.Version,
                prediction = JsonDocument.Parse(outcome.Prediction.Json).RootElement,
                datasetRows = outcome.Model.DatasetRows,
                peakRssMib = outcome.PeakRssMib,
                report = outcome.Report,
                runDirectory = outcome.RunDirectory,
            }, CliJson.Options));
        }
        else
        {
            MetricsTables.Write(outcome.Model);
            AnsiConsole.MarkupLineInterpolated($"[bold]prediction[/] for a new design {outcome.Demo.Id} (predictor at {predictorUrl}, generated and described in-process, no solver):");
            AnsiConsole.WriteLine(outcome.Prediction.Json);
        }

        if (outcome.Duplicates.Values.Any(d => d > 0))
        {
            throw new InvalidOperationException($"a structure submitted once reached a stage twice: {string.Join(", ", outcome.Duplicates.Select(d => $"{d.Key} +{d.Value}"))}");
        }

        if (outcome.Model.DatasetRows != outcome.Described)
        {
            throw new InvalidOperationException($"the dataset holds {outcome.Model.DatasetRows} structures but {outcome.Described} of the campaign were described");
        }

        AnsiConsole.MarkupLineInterpolated($"[bold]{outcome.NewStructures} structures in {outcome.Campaign.TotalSeconds:F0} s ({outcome.StructuresPerHour:F0}/hour), {outcome.DeadLettered} dead-lettered, {outcome.Resubmitted} resubmitted, {outcome.LogTruncations} log truncations; model version {outcome.Model.Version} on {outcome.Model.DatasetRows} structures.[/]");
        AnsiConsole.MarkupLineInterpolated($"peak resident memory (MiB): {string.Join(", ", outcome.PeakRssMib.Select(p => $"{p.Key} {p.Value}"))}");
        AnsiConsole.MarkupLineInterpolated($"report: {outcome.Report}");
    }
}

using System.Text.Json;

namespace MesoStream.Cli.Pipeline;

/// <summary>
/// What <c>up</c> keeps in its run directory (<c>campaign.json</c>) to resume or grow a campaign: the settings that
/// define its specs (the specs are a function of them) and how often each structure has been submitted. Which structures are done
/// is not stored here: the trainer's durable dataset in the same run directory is the record of that.
/// </summary>
internal sealed record CampaignFile(int Structures, long Seed, string Preset, IReadOnlyDictionary<string, int> Submissions)
{
    public const string FileName = "campaign.json";

    /// <summary>Seeds per replicated design (<c>up --replicates</c>); 1, the default of files written before it existed, means none.</summary>
    public int Replicates { get; init; } = 1;

    /// <summary>sobol or active (<c>up --design</c>); sobol, the default of files written before it existed.</summary>
    public string Design { get; init; } = "sobol";

    public static CampaignFile? Load(string runDirectory)
    {
        var path = Path.Combine(runDirectory, FileName);
        if (!File.Exists(path))
        {
            return null;
        }

        try
        {
            return JsonSerializer.Deserialize<CampaignFile>(File.ReadAllText(path), CliJson.Options)
                ?? throw new InvalidDataException("the file is empty");
        }
        catch (Exception e) when (e is JsonException or InvalidDataException)
        {
            throw new ArgumentException($"{path} is not a campaign file ({e.Message}); remove it or choose another --out");
        }
    }

    /// <summary>Written to a temporary file and renamed, so a crash never leaves half a file.</summary>
    public void Save(string runDirectory)
    {
        var path = Path.Combine(runDirectory, FileName);
        File.WriteAllText(path + ".tmp", JsonSerializer.Serialize(this, CliJson.Options));
        File.Move(path + ".tmp", path, overwrite: true);
    }

    /// <summary>
    /// Null when these settings resume or grow this campaign: the same seed, preset and replicates, as many structures
    /// or more (a Sobol campaign's first N specs do not depend on how many follow, so growing it keeps every structure
    /// done) — exactly as many with replicates, whose split into designs and replicates depends on N; otherwise why not.
    /// </summary>
    public string? Conflict(int structures, long seed, string preset, int replicates = 1) =>
        Seed == seed && Preset == preset && Replicates == replicates && (replicates == 1 ? structures >= Structures : structures == Structures)
            ? null
            : $"the run directory holds a campaign of {Structures} {Preset} structures with seed {Seed} and {Replicates} replicate(s); resume it with the same seed, preset and replicates " +
              $"and {(Replicates == 1 ? "at least" : "exactly")} {Structures} structures (not {structures} {preset} with seed {seed} and {replicates} replicate(s)), or choose another --out";
}

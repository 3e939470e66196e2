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
    /// Null when these settings resume or grow this campaign: the same seed and preset, as many structures or more (a
    /// Sobol campaign's first N specs do not depend on how many follow, so growing it keeps every structure done);
    /// otherwise why they cannot.
    /// </summary>
    public string? Conflict(int structures, long seed, string preset) =>
        structures >= Structures && Seed == seed && Preset == preset
            ? null
            : $"the run directory holds a campaign of {Structures} {Preset} structures with seed {Seed}; resume it with the same seed and preset " +
              $"and at least {Structures} structures (not {structures} {preset} with seed {seed}), or choose another --out";
}

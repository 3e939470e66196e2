namespace MesoStream.Cli.Pipeline;

/// <summary>The pipeline stopped delivering a campaign's structures and resubmitting them did not help; the message says which, where and why.</summary>
internal sealed class CampaignStalledException(string report) : Exception(report);

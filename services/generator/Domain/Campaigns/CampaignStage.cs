namespace MesoStream.Generator.Campaigns;

/// <summary>
/// Where a campaign's structure has got to: each stage is a topic it reached (docs/pipeline.md, "Topics").
/// </summary>
public enum CampaignStage
{
    /// <summary>On structure-spec, waiting for the generator.</summary>
    Submitted,

    /// <summary>On voxel-ready, waiting for the solver.</summary>
    Generated,

    /// <summary>On properties-computed, waiting for the descriptor.</summary>
    Solved,

    /// <summary>On descriptors-computed: in the trainer's dataset.</summary>
    Described,
}

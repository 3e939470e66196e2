namespace MesoStream.Infra.FlowControl;

/// <summary>The topic a stage writes and the consumer group that reads it: whose backlog bounds the stage.</summary>
public sealed record DownstreamStage(string Topic, string ConsumerGroup);

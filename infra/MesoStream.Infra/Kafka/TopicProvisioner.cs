using Confluent.Kafka;
using Confluent.Kafka.Admin;
using MesoStream.Contracts;

namespace MesoStream.Infra.Kafka;

/// <summary>Creates the pipeline's topics on a real Kafka cluster through the Admin API (the embedded broker creates its own).</summary>
public static class TopicProvisioner
{
    /// <returns>One line per topic: created, or already present.</returns>
    public static async Task<IReadOnlyList<string>> CreateAsync(KafkaConnection connection, int partitions, short replication, CancellationToken cancellationToken = default)
    {
        using var admin = new AdminClientBuilder(connection.Admin()).Build();
        var specs = Topics.All.Select(topic => new TopicSpecification
        {
            Name = topic,
            NumPartitions = partitions,
            ReplicationFactor = replication,
            Configs = new Dictionary<string, string>
            {
                ["max.message.bytes"] = connection.MaxMessageBytes.ToString(System.Globalization.CultureInfo.InvariantCulture),
                ["cleanup.policy"] = Topics.IsCompacted(topic) ? "compact" : "delete",
            },
        }).ToList();

        try
        {
            await admin.CreateTopicsAsync(specs, new CreateTopicsOptions { RequestTimeout = TimeSpan.FromSeconds(30) }).WaitAsync(cancellationToken);
            return specs.Select(s => $"{s.Name}: created ({partitions} partitions, replication {replication})").ToList();
        }
        catch (CreateTopicsException e)
        {
            var failed = e.Results.Where(r => r.Error.Code is not (ErrorCode.NoError or ErrorCode.TopicAlreadyExists)).ToList();
            if (failed.Count > 0)
            {
                throw new InvalidOperationException("creating topics failed: " + string.Join("; ", failed.Select(r => $"{r.Topic}: {r.Error.Reason}")), e);
            }

            return e.Results.Select(r => r.Error.Code == ErrorCode.TopicAlreadyExists ? $"{r.Topic}: already present" : $"{r.Topic}: created").ToList();
        }
    }
}

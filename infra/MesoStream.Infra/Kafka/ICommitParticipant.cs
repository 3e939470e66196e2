namespace MesoStream.Infra.Kafka;

/// <summary>
/// State a service keeps outside Kafka (e.g. the trainer's dataset file) that must be durable before the input offsets
/// it reflects are committed. The hop calls <see cref="BeforeCommit"/> just before each transaction; if it throws, the
/// transaction is not started, the hop fails and the records are consumed again after a restart, so an idempotent
/// consumer loses nothing. Register implementations in the service's DI container.
/// </summary>
public interface ICommitParticipant
{
    void BeforeCommit();

    /// <summary>The batch's outputs are with the producer; the transaction is not committed yet.</summary>
    void OutputsProduced()
    {
    }

    /// <summary>The transaction is committed; the offsets are not yet committed again to the group (the embedded broker's only record of them).</summary>
    void TransactionCommitted()
    {
    }
}

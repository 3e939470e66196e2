using System.Diagnostics;
using MesoStream.Infra.Kafka;

namespace MesoStream.Infra.TestHop;

/// <summary>
/// Kills the process (SIGKILL) inside the N-th transaction's produce → commit window: after its outputs were handed to
/// the producer (given a second to reach the broker) or after the transaction committed but before the offsets were
/// committed again to the group. Where a crash can duplicate a batch if nothing guards against it.
/// </summary>
public sealed class CrashInCommitWindow(string point, int transaction) : ICommitParticipant
{
    public const string AfterProduce = "after-produce";
    public const string AfterCommit = "after-commit";
    private int _transactions;

    public void BeforeCommit() => _transactions++;

    public void OutputsProduced()
    {
        if (point == AfterProduce && _transactions == transaction)
        {
            Thread.Sleep(1000);
            Process.GetCurrentProcess().Kill();
        }
    }

    public void TransactionCommitted()
    {
        if (point == AfterCommit && _transactions == transaction)
        {
            Process.GetCurrentProcess().Kill();
        }
    }
}

namespace MesoStream.Testing;

/// <summary>
/// The service processes one test started: disposing asks every one to drain (SIGTERM), waits for all of them, then
/// disposes them, so a test never leaves a process writing to the next test's broker.
/// </summary>
public sealed class ChildProcessSet : IDisposable
{
    private readonly List<ChildProcess> _processes = [];

    public ChildProcess Add(ChildProcess process)
    {
        _processes.Add(process);
        return process;
    }

    /// <summary>The last lines of every process's stderr, for an assertion message.</summary>
    public string Diagnostics() => string.Join("\n---\n", _processes.Select(p => p.Diagnostics()));

    public void Dispose()
    {
        foreach (var process in _processes)
        {
            process.Terminate();
        }

        foreach (var process in _processes)
        {
            process.WaitForExit(TimeSpan.FromSeconds(20));
            process.Dispose();
        }

        _processes.Clear();
    }
}

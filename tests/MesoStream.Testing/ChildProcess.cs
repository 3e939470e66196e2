using System.Collections.Concurrent;
using System.Diagnostics;
using System.Runtime.InteropServices;

namespace MesoStream.Testing;

/// <summary>A .NET program of this repository run as a real child process, its output kept for assertions and diagnostics.</summary>
public sealed partial class ChildProcess : IDisposable
{
    private readonly Process _process;

    private ChildProcess(Process process) => _process = process;

    public ConcurrentQueue<string> Stdout { get; } = new();
    public ConcurrentQueue<string> Stderr { get; } = new();
    public bool HasExited => _process.HasExited;
    public int ExitCode => _process.ExitCode;
    public int Id => _process.Id;

    /// <summary>Starts <c>dotnet ASSEMBLY.dll args</c> for a project built into artifacts/bin.</summary>
    public static ChildProcess StartProject(string project, string assembly, params string[] args)
    {
        var info = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        info.ArgumentList.Add(RepoLayout.BuiltAssembly(project, assembly));
        foreach (var a in args)
        {
            info.ArgumentList.Add(a);
        }

        info.Environment["OTEL_EXPORTER_OTLP_ENDPOINT"] = string.Empty;
        var child = new ChildProcess(Process.Start(info)!);
        child._process.OutputDataReceived += (_, e) => { if (e.Data is not null) child.Stdout.Enqueue(e.Data); };
        child._process.ErrorDataReceived += (_, e) => { if (e.Data is not null) child.Stderr.Enqueue(e.Data); };
        child._process.BeginOutputReadLine();
        child._process.BeginErrorReadLine();
        return child;
    }

    public string WaitForStdoutLine(TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (DateTime.UtcNow < deadline)
        {
            if (Stdout.TryPeek(out var line))
            {
                return line;
            }

            if (_process.HasExited)
            {
                break;
            }

            Thread.Sleep(20);
        }

        throw new TimeoutException($"no stdout line within {timeout}; stderr: {Diagnostics()}");
    }

    /// <summary>Waits for the exit and then for the last redirected output lines (WaitForExit(timeout) alone does not drain them).</summary>
    public bool WaitForExit(TimeSpan timeout)
    {
        if (!_process.WaitForExit(timeout))
        {
            return false;
        }

        _process.WaitForExit();
        return true;
    }

    /// <summary>SIGTERM: the graceful stop a supervisor sends.</summary>
    public void Terminate() => _ = Kill(_process.Id, 15);

    /// <summary>SIGSTOP: the process hangs, alive but making no progress, until <see cref="Continue"/>.</summary>
    public void Suspend() => _ = Kill(_process.Id, 19);

    /// <summary>SIGCONT after <see cref="Suspend"/>.</summary>
    public void Continue() => _ = Kill(_process.Id, 18);

    /// <summary>SIGSTOP or SIGCONT to any process (e.g. a service that a CLI under test started).</summary>
    public static void Signal(int pid, bool stop) => _ = Kill(pid, stop ? 19 : 18);

    public string Diagnostics() => string.Join("\n", Stderr.TakeLast(40));

    public void Dispose()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            _process.WaitForExit(5000);
        }

        _process.Dispose();
    }

    [LibraryImport("libc", EntryPoint = "kill")]
    private static partial int Kill(int pid, int signal);
}

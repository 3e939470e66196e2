using System.Diagnostics;
using System.Runtime.InteropServices;

namespace MesoStream.Cli.Pipeline;

/// <summary>
/// One pipeline service run as its own OS process (<c>dotnet MesoStream.NAME.dll args</c>), exactly as a user would
/// start it by hand; its stdout and stderr go to a log file.
/// </summary>
internal sealed partial class ServiceProcess : IDisposable
{
    private const int SigTerm = 15;
    private const int SigCont = 18;

    private readonly Process _process;
    private readonly StreamWriter _log;
    private readonly Lock _gate = new();
    private readonly Queue<string> _tail = new();

    private ServiceProcess(string name, Process process, StreamWriter log)
    {
        Name = name;
        _process = process;
        _log = log;
    }

    public string Name { get; }

    public bool HasExited => _process.HasExited;

    /// <summary>The OS process id (written to the run directory's services.json for operators and tests).</summary>
    public int Id => _process.Id;

    public int ExitCode => _process.ExitCode;

    /// <summary>The process's peak resident memory so far (on Linux the kernel's <c>VmHWM</c>), or null once it has exited.</summary>
    public long? PeakResidentBytes()
    {
        _process.Refresh();
        return _process.HasExited ? null : _process.PeakWorkingSet64;
    }

    /// <summary>Starts the service assembly of <paramref name="project"/> (e.g. "Solver") with the given arguments.</summary>
    public static ServiceProcess Start(string name, string project, IEnumerable<string> args, string logDirectory)
    {
        var info = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        info.ArgumentList.Add(ServiceAssemblies.Find(project));
        foreach (var arg in args)
        {
            info.ArgumentList.Add(arg);
        }

        Directory.CreateDirectory(logDirectory);
        var log = new StreamWriter(Path.Combine(logDirectory, name + ".log"), append: true) { AutoFlush = true };
        var service = new ServiceProcess(name, Process.Start(info) ?? throw new InvalidOperationException($"could not start {name}"), log);
        service._process.OutputDataReceived += (_, e) => service.Append(e.Data);
        service._process.ErrorDataReceived += (_, e) => service.Append(e.Data);
        service._process.BeginOutputReadLine();
        service._process.BeginErrorReadLine();
        return service;
    }

    /// <summary>The last lines the service wrote, for an error message when it dies.</summary>
    public string Tail()
    {
        lock (_gate)
        {
            return string.Join(Environment.NewLine, _tail);
        }
    }

    /// <summary>SIGTERM: the service drains its transaction and exits. A suspended (SIGSTOP) service is woken first, or it could not.</summary>
    public void Terminate()
    {
        if (!_process.HasExited)
        {
            _ = Kill(_process.Id, SigCont);
            _ = Kill(_process.Id, SigTerm);
        }
    }

    public bool WaitForExit(TimeSpan timeout) => _process.WaitForExit(timeout);

    public void Dispose()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            _process.WaitForExit(5000);
        }

        _process.Dispose();
        lock (_gate)
        {
            _log.Dispose();
        }
    }

    private void Append(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_gate)
        {
            _log.WriteLine(line);
            _tail.Enqueue(line);
            if (_tail.Count > 20)
            {
                _tail.Dequeue();
            }
        }
    }

    [LibraryImport("libc", EntryPoint = "kill")]
    private static partial int Kill(int pid, int signal);
}

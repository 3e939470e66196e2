using System.Diagnostics;

namespace MesoStream.Testing;

/// <summary>
/// Runs a program the tests need from the machine (Debian's kcat, chromium): stdin in, stdout back, a clear error
/// naming the package when it is missing, exits non-zero or overruns its time.
/// </summary>
public static class InstalledTool
{
    public static string Run(string program, string package, IEnumerable<string> args, string stdin, TimeSpan timeout)
    {
        var info = new ProcessStartInfo(program) { RedirectStandardInput = true, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var a in args)
        {
            info.ArgumentList.Add(a);
        }

        Process process;
        try
        {
            process = Process.Start(info)!;
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            throw new InvalidOperationException($"{program} is not installed (apt-get install -y {package}); .ci/run installs it", e);
        }

        using (process)
        {
            process.StandardInput.Write(stdin);
            process.StandardInput.Close();
            var stdout = process.StandardOutput.ReadToEndAsync();
            var stderr = process.StandardError.ReadToEndAsync();
            if (!process.WaitForExit(timeout))
            {
                process.Kill(entireProcessTree: true);
                throw new TimeoutException($"{program} {string.Join(' ', args)} did not finish in {timeout.TotalSeconds:F0} s");
            }

            if (process.ExitCode != 0)
            {
                throw new InvalidOperationException($"{program} exited {process.ExitCode}: {stderr.Result}");
            }

            return stdout.Result;
        }
    }
}

using System.Diagnostics;

namespace MesoStream.Testing;

/// <summary>Debian's kcat, an independent Kafka client, proving the embedded broker speaks real Kafka.</summary>
public static class Kcat
{
    public static string Run(string stdin, params string[] args)
    {
        var info = new ProcessStartInfo("kcat") { RedirectStandardInput = true, RedirectStandardOutput = true, RedirectStandardError = true };
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
            throw new InvalidOperationException("kcat is not installed (apt-get install -y kcat); .ci/run installs it", e);
        }

        using (process)
        {
            process.StandardInput.Write(stdin);
            process.StandardInput.Close();
            var stdout = process.StandardOutput.ReadToEndAsync();
            var stderr = process.StandardError.ReadToEndAsync();
            if (!process.WaitForExit(30_000))
            {
                process.Kill();
                throw new TimeoutException("kcat " + string.Join(' ', args) + " did not finish in 30 s");
            }

            if (process.ExitCode != 0)
            {
                throw new InvalidOperationException($"kcat exited {process.ExitCode}: {stderr.Result}");
            }

            return stdout.Result;
        }
    }
}

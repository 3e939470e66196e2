using System.Globalization;

namespace MesoStream.Cli.Pipeline;

/// <summary>
/// Peak resident memory of a process from <c>/proc/PID/status</c> (<c>VmHWM</c>, the high-water mark of the resident
/// set): what a long campaign must keep flat, read without sampling.
/// </summary>
internal static class ProcessMemory
{
    public static long? PeakResidentBytes(int pid)
    {
        try
        {
            foreach (var line in File.ReadLines($"/proc/{pid}/status"))
            {
                if (line.StartsWith("VmHWM:", StringComparison.Ordinal))
                {
                    var kib = line["VmHWM:".Length..].Trim().Split(' ')[0];
                    return long.Parse(kib, CultureInfo.InvariantCulture) * 1024;
                }
            }
        }
        catch (IOException)
        {
        }
        catch (UnauthorizedAccessException)
        {
        }

        return null;
    }
}

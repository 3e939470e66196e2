namespace MesoStream.Testing;

/// <summary>Debian's kcat, an independent Kafka client, proving the embedded broker speaks real Kafka.</summary>
public static class Kcat
{
    public static string Run(string stdin, params string[] args) => InstalledTool.Run("kcat", "kcat", args, stdin, TimeSpan.FromSeconds(30));
}

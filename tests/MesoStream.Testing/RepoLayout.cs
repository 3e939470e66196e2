namespace MesoStream.Testing;

/// <summary>Finds the repository and the build outputs (UseArtifactsOutput: artifacts/bin/PROJECT/CONFIG/).</summary>
public static class RepoLayout
{
    public static string Root { get; } = FindRoot();

    /// <summary>debug or release, as this test assembly was built.</summary>
    public static string Configuration { get; } = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd('/')).Name;

    public static string BuiltAssembly(string project, string assembly)
    {
        var path = Path.Combine(Root, "artifacts", "bin", project, Configuration, assembly + ".dll");
        return File.Exists(path) ? path : throw new FileNotFoundException($"{path} is not built; run dotnet build MesoStream.sln first", path);
    }

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "MesoStream.sln")))
            {
                return dir.FullName;
            }
        }

        throw new DirectoryNotFoundException("MesoStream.sln not found above " + AppContext.BaseDirectory);
    }
}

namespace MesoStream.Cli.Pipeline;

/// <summary>
/// Where the service executables are: next to this CLI in the artifacts layout (<c>artifacts/bin/PROJECT/CONFIG/</c>).
/// The CLI project references every service project (without linking them), so building the CLI builds them too.
/// </summary>
internal static class ServiceAssemblies
{
    public static string Find(string project)
    {
        var here = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar));
        var bin = here.Parent?.Parent?.FullName ?? here.FullName;
        var path = Path.Combine(bin, $"MesoStream.{project}", here.Name, $"MesoStream.{project}.dll");
        return File.Exists(path)
            ? path
            : throw new FileNotFoundException($"the {project} service is not built at {path}; run `dotnet build MesoStream.sln -c {(here.Name == "debug" ? "Debug" : "Release")}`", path);
    }
}

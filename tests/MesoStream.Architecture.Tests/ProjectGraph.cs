using System.Xml.Linq;

namespace MesoStream.Architecture.Tests;

/// <summary>What a project is, read from where it lies in the repository.</summary>
public enum ProjectKind
{
    /// <summary>contracts/: topic names, messages, codecs.</summary>
    Contracts,

    /// <summary>infra/: Kafka, telemetry, the service host.</summary>
    Infra,

    /// <summary>services/NAME/Domain/: a service's Kafka-free domain library.</summary>
    Domain,

    /// <summary>services/NAME/: a service's thin Kafka host.</summary>
    Host,

    /// <summary>Any other top-level folder, e.g. modelling/: a Kafka-free library shared by domains.</summary>
    SharedLibrary,

    /// <summary>cli/: the mesostream command.</summary>
    Cli,

    /// <summary>tests/: test projects and their helpers.</summary>
    Test,
}

/// <param name="Name">The .csproj file name without its extension.</param>
/// <param name="RelativePath">Relative to the repository root, with forward slashes.</param>
/// <param name="Service">The service folder name for a domain or host (generator, solver, …), else null.</param>
public sealed record Project(string Name, string RelativePath, ProjectKind Kind, string? Service)
{
    public bool IsDomainOf(string service) => Kind == ProjectKind.Domain && Service == service;

    /// <summary>A pure library: a service domain or a shared library (no Kafka, no host).</summary>
    public bool IsPureLibrary => Kind is ProjectKind.Domain or ProjectKind.SharedLibrary;

    public override string ToString() => Name;
}

/// <param name="BuildOnly">ReferenceOutputAssembly="false": built first, not linked (the cli starts the hosts as processes).</param>
public sealed record Edge(Project From, Project To, bool BuildOnly)
{
    public override string ToString() => $"{From.Name} → {To.Name}{(BuildOnly ? " (build only)" : "")}";
}

/// <summary>Every .csproj under the repository root and its ProjectReference items.</summary>
public sealed class ProjectGraph
{
    private static readonly HashSet<string> SkippedFolders = new(StringComparer.Ordinal) { "bin", "obj", "artifacts" };

    private ProjectGraph(string root, IReadOnlyList<Project> projects, IReadOnlyList<Edge> edges, IReadOnlyList<string> unresolved)
    {
        Root = root;
        Projects = projects;
        Edges = edges;
        Unresolved = unresolved;
    }

    public string Root { get; }

    /// <summary>Sorted by name.</summary>
    public IReadOnlyList<Project> Projects { get; }

    /// <summary>Sorted by source, then target name.</summary>
    public IReadOnlyList<Edge> Edges { get; }

    /// <summary>ProjectReference items that name no .csproj of the repository, as "FROM → INCLUDE".</summary>
    public IReadOnlyList<string> Unresolved { get; }

    public static ProjectGraph Load() => Load(FindRoot());

    public static ProjectGraph Load(string root)
    {
        var files = ProjectFiles(root).ToList();
        var projects = files.ToDictionary(
            file => file,
            file => Classify(Path.GetRelativePath(root, file).Replace('\\', '/')),
            StringComparer.Ordinal);
        var edges = new List<Edge>();
        var unresolved = new List<string>();
        foreach (var file in files)
        {
            var from = projects[file];
            foreach (var reference in XDocument.Load(file).Descendants().Where(e => e.Name.LocalName == "ProjectReference"))
            {
                var include = (string?)reference.Attribute("Include") ?? "";
                var target = Path.GetFullPath(Path.Combine(Path.GetDirectoryName(file)!, include.Replace('\\', '/')));
                var buildOnly = string.Equals((string?)reference.Attribute("ReferenceOutputAssembly"), "false", StringComparison.OrdinalIgnoreCase);
                if (projects.TryGetValue(target, out var to))
                {
                    edges.Add(new Edge(from, to, buildOnly));
                }
                else
                {
                    unresolved.Add($"{from.Name} → {include}");
                }
            }
        }

        return Sorted(root, projects.Values, edges, unresolved);
    }

    /// <summary>A graph from relative .csproj paths and references between them (for tests of the rules themselves).</summary>
    public static ProjectGraph FromPaths(IEnumerable<(string From, string To, bool BuildOnly)> references)
    {
        var list = references.ToList();
        var projects = list.SelectMany(r => new[] { r.From, r.To }).Distinct().ToDictionary(p => p, Classify, StringComparer.Ordinal);
        return Sorted("", projects.Values, list.Select(r => new Edge(projects[r.From], projects[r.To], r.BuildOnly)), []);
    }

    /// <summary>The folder above the test assembly that holds MesoStream.sln.</summary>
    public static string FindRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "MesoStream.sln")))
        {
            dir = dir.Parent;
        }

        return dir?.FullName ?? throw new DirectoryNotFoundException("no MesoStream.sln above " + AppContext.BaseDirectory);
    }

    /// <summary>Classifies a project by its path relative to the root (forward slashes).</summary>
    public static Project Classify(string path)
    {
        var name = Path.GetFileNameWithoutExtension(path);
        var parts = path.Split('/');
        return parts[0] switch
        {
            "contracts" => new Project(name, path, ProjectKind.Contracts, null),
            "infra" => new Project(name, path, ProjectKind.Infra, null),
            "cli" => new Project(name, path, ProjectKind.Cli, null),
            "tests" => new Project(name, path, ProjectKind.Test, null),
            "services" when parts.Length > 3 && parts[2] == "Domain" => new Project(name, path, ProjectKind.Domain, parts[1]),
            "services" when parts.Length > 2 => new Project(name, path, ProjectKind.Host, parts[1]),
            _ => new Project(name, path, ProjectKind.SharedLibrary, null),
        };
    }

    private static ProjectGraph Sorted(string root, IEnumerable<Project> projects, IEnumerable<Edge> edges, IReadOnlyList<string> unresolved) =>
        new(
            root,
            [.. projects.OrderBy(p => p.Name, StringComparer.Ordinal)],
            [.. edges.OrderBy(e => e.From.Name, StringComparer.Ordinal).ThenBy(e => e.To.Name, StringComparer.Ordinal)],
            unresolved);

    private static IEnumerable<string> ProjectFiles(string dir)
    {
        foreach (var file in Directory.EnumerateFiles(dir, "*.csproj"))
        {
            yield return Path.GetFullPath(file);
        }

        foreach (var sub in Directory.EnumerateDirectories(dir))
        {
            var name = Path.GetFileName(sub);
            if (!SkippedFolders.Contains(name) && !name.StartsWith('.'))
            {
                foreach (var file in ProjectFiles(sub))
                {
                    yield return file;
                }
            }
        }
    }
}

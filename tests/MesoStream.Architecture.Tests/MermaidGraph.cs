using System.Text;

namespace MesoStream.Architecture.Tests;

/// <summary>
/// The non-test project graph as a Mermaid flowchart: nodes grouped by layer and sorted by name, edges sorted;
/// a build-only reference (the cli builds the hosts it starts, without linking them) is a dotted arrow.
/// </summary>
public static class MermaidGraph
{
    private static readonly (string Id, string Title, ProjectKind[] Kinds)[] Layers =
    [
        ("hosts", "hosts and the cli", [ProjectKind.Cli, ProjectKind.Host]),
        ("domains", "domains and shared libraries (Kafka-free)", [ProjectKind.Domain, ProjectKind.SharedLibrary]),
        ("platform", "platform", [ProjectKind.Infra, ProjectKind.Contracts]),
    ];

    public static string Render(ProjectGraph graph)
    {
        var text = new StringBuilder();
        text.Append("```mermaid\n").Append("flowchart TD\n");
        foreach (var (id, title, kinds) in Layers)
        {
            text.Append($"  subgraph {id}[\"{title}\"]\n");
            foreach (var project in graph.Projects.Where(p => kinds.Contains(p.Kind)))
            {
                text.Append($"    {NodeId(project)}[\"{ShortName(project)}\"]\n");
            }

            text.Append("  end\n");
        }

        foreach (var edge in graph.Edges.Where(e => e.From.Kind != ProjectKind.Test && e.To.Kind != ProjectKind.Test))
        {
            text.Append($"  {NodeId(edge.From)} {(edge.BuildOnly ? "-.->" : "-->")} {NodeId(edge.To)}\n");
        }

        return text.Append("```\n").ToString();
    }

    private static string ShortName(Project project) =>
        project.Name.StartsWith("MesoStream.", StringComparison.Ordinal) ? project.Name["MesoStream.".Length..] : project.Name;

    private static string NodeId(Project project) =>
        new(ShortName(project).Select(c => char.IsAsciiLetterOrDigit(c) ? c : '_').ToArray());
}

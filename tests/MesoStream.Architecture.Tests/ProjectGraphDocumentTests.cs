namespace MesoStream.Architecture.Tests;

/// <summary>
/// README.md's project graph is generated from the .csproj files, never drawn by hand: this test fails on any
/// difference and prints the block to paste, or with MESOSTREAM_UPDATE_PROJECT_GRAPH=1 rewrites the block itself.
/// </summary>
public sealed class ProjectGraphDocumentTests
{
    private const string Begin = "<!-- project-graph:begin -->";
    private const string End = "<!-- project-graph:end -->";
    private const string UpdateVariable = "MESOSTREAM_UPDATE_PROJECT_GRAPH";

    [Fact]
    public void The_README_project_graph_is_the_graph_the_csproj_files_declare()
    {
        var graph = ProjectGraph.Load();
        var expected = MermaidGraph.Render(graph);
        var readme = Path.Combine(graph.Root, "README.md");
        var text = File.ReadAllText(readme);
        var begin = text.IndexOf(Begin, StringComparison.Ordinal);
        var end = text.IndexOf(End, StringComparison.Ordinal);
        Assert.True(begin >= 0 && end > begin, $"README.md has no {Begin} … {End} block; add one holding:\n{expected}");

        var start = begin + Begin.Length;
        if (text[start..end].ReplaceLineEndings("\n").Trim('\n') == expected.Trim('\n'))
        {
            return;
        }

        if (Environment.GetEnvironmentVariable(UpdateVariable) == "1")
        {
            File.WriteAllText(readme, text[..start] + "\n" + expected + text[end..]);
            return;
        }

        Assert.Fail($"README.md's project graph differs from the .csproj files. Run this test with {UpdateVariable}=1 "
            + $"to rewrite it, or put this between {Begin} and {End}:\n{expected}");
    }

    [Fact]
    public void The_rendering_is_sorted_and_draws_build_only_references_dotted()
    {
        var graph = ProjectGraph.FromPaths(
        [
            ("services/solver/Domain/MesoStream.Solver.Domain.csproj", "contracts/MesoStream.Contracts/MesoStream.Contracts.csproj", false),
            ("tests/MesoStream.Solver.Tests/MesoStream.Solver.Tests.csproj", "services/solver/Domain/MesoStream.Solver.Domain.csproj", false),
            ("cli/MesoStream.Cli/MesoStream.Cli.csproj", "services/solver/MesoStream.Solver.csproj", true),
            ("services/solver/MesoStream.Solver.csproj", "services/solver/Domain/MesoStream.Solver.Domain.csproj", false),
        ]);

        var rendered = MermaidGraph.Render(graph);

        Assert.Contains("    Cli[\"Cli\"]\n    Solver[\"Solver\"]\n", rendered, StringComparison.Ordinal);
        Assert.Contains("  Cli -.-> Solver\n  Solver --> Solver_Domain\n  Solver_Domain --> Contracts\n", rendered, StringComparison.Ordinal);
        Assert.DoesNotContain("Solver_Tests", rendered, StringComparison.Ordinal);
        Assert.Equal(rendered, MermaidGraph.Render(graph));
    }
}
